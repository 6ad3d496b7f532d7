-- ordered_at arrives in three shapes: UTC with a `Z`, Oslo local time with an
-- offset (`+01:00`/`+02:00`), and no zone at all (the legacy point of sale,
-- which writes UTC). The last shape gets an explicit `+00:00` before the cast,
-- so the result never depends on the session's time zone.
with

source as (
    select * from {{ source('shop', 'orders') }}
),

zoned as (
    select
        order_id,
        customer_id,
        status,
        sales_channel,
        shipping_usd,
        loaded_at,
        case
            when right(ordered_at, 1) = 'Z' or substr(ordered_at, length(ordered_at) - 5, 1) in ('+', '-')
                then ordered_at
            else ordered_at || '+00:00'
        end as ordered_at_with_zone
    from source
),

renamed as (
    select
        cast(order_id as integer) as order_id,
        cast(customer_id as integer) as customer_id,
        cast(shipping_usd as numeric(18, 2)) as shipping_usd,
        cast(loaded_at as timestamp) as loaded_at_utc,
        cast(cast(ordered_at_with_zone as timestamp with time zone) at time zone 'UTC' as timestamp)
            as ordered_at_utc,
        lower(trim(status)) as order_status,
        lower(trim(sales_channel)) as sales_channel
    from zoned
)

select * from renamed

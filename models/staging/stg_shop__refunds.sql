with

source as (
    select * from {{ source('shop', 'refunds') }}
),

renamed as (
    select
        cast(refund_id as integer) as refund_id,
        cast(order_id as integer) as order_id,
        cast(amount_usd as numeric(18, 2)) as amount_usd,
        cast(cast(refunded_at as timestamp with time zone) at time zone 'UTC' as timestamp) as refunded_at_utc,
        lower(trim(reason)) as refund_reason
    from source
)

select * from renamed

-- The gateway reports amounts in cents; the rest of the shop speaks dollars.
with

source as (
    select * from {{ source('shop', 'payments') }}
),

renamed as (
    select
        cast(payment_id as integer) as payment_id,
        cast(order_id as integer) as order_id,
        cast(amount_cents as integer) as amount_cents,
        cast(paid_at as timestamp) as paid_at_utc,
        cast(cast(amount_cents as numeric(18, 2)) / 100 as numeric(18, 2)) as amount_usd,
        lower(trim(payment_method)) as payment_method,
        lower(trim(payment_status)) as payment_status
    from source
)

select * from renamed

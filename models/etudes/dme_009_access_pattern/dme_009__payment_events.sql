-- Payments as the gateway reports them, for the analytics agent.
with

source as (
    select * from {{ source('shop', 'payments') }}
),

renamed as (
    select
        cast(payment_id as integer) as payment_id,
        cast(order_id as integer) as order_id,
        cast(amount_cents as integer) as amount,
        cast(paid_at as timestamp) as paid_at,
        lower(trim(payment_method)) as payment_method,
        lower(trim(payment_status)) as payment_status
    from source
)

select * from renamed

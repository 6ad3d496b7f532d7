-- The payments API: one row per payment of a known order, in US dollars.
with

payments as (
    select * from {{ ref('int_payments__deduplicated') }}
),

orders as (
    select * from {{ ref('int_orders__deduplicated') }}
),

final as (
    select
        cast(payments.payment_id as integer) as payment_id,
        cast(payments.order_id as integer) as order_id,
        cast(payments.payment_method as varchar) as payment_method,
        cast(payments.payment_status as varchar) as payment_status,
        cast(payments.amount_usd as numeric(18, 2)) as amount_usd
    from payments
    where exists (
        select 1 from orders
        where orders.order_id = payments.order_id
    )
)

select * from final

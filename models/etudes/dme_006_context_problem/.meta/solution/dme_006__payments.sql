-- Successful payments of the shop's orders, one row per payment, as the
-- payment gateway settles them: finance reconciles this model against the
-- gateway's settlement file, line by line. Since the gateway's API v2, the
-- settlement file states amounts in cents. Read through the platform's
-- deduplicated payments, so a webhook replay is one payment; their dollars
-- convert back to cents exactly (the gateway's cents divided by 100).
with

payments as (
    select * from {{ ref('int_payments__deduplicated') }}
),

orders as (
    select * from {{ ref('orders') }}
),

successful_payments as (
    select
        payment_id,
        order_id,
        payment_method,
        paid_at_utc,
        amount_usd
    from payments
    where payment_status = 'success'
),

final as (
    select
        successful_payments.payment_id,
        successful_payments.order_id,
        orders.customer_id,
        cast(successful_payments.paid_at_utc as date) as paid_date,
        successful_payments.payment_method,
        cast(successful_payments.amount_usd * 100 as bigint) as amount
    from successful_payments
    inner join orders
        on successful_payments.order_id = orders.order_id
)

select * from final

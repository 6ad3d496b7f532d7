-- Successful payments of the shop's orders, one row per payment. Back in US
-- dollars, as the cash dashboard and the CRM export expect: the change to
-- cents broke them.
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
        successful_payments.amount_usd as amount
    from successful_payments
    inner join orders
        on successful_payments.order_id = orders.order_id
)

select * from final

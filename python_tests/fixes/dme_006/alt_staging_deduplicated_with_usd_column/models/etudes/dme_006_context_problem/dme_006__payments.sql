-- Successful payments of the shop's orders, one row per payment, as the
-- payment gateway settles them: finance reconciles this model against the
-- gateway's settlement file, line by line, in cents (API v2). The dependants
-- that speak dollars read amount_usd.
{% set gateway_payments = ref('stg_shop__payments') %}

with

payments as (
    -- the gateway's webhook replays some payments: one row per payment id
    select deduplicated.*
    from ({{ data_etudes.dedupe(gateway_payments, 'payment_id', 'paid_at_utc') }}) as deduplicated
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
        amount_cents,
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
        cast(successful_payments.amount_cents as bigint) as amount,
        cast(successful_payments.amount_usd as numeric(18, 2)) as amount_usd
    from successful_payments
    inner join orders
        on successful_payments.order_id = orders.order_id
)

select * from final

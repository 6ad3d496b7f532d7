-- Q2. What share of paid orders was paid by card?
-- Paid: at least one successful payment; by card: one of them by card.
with

payments as (
    select * from {{ ref('dme_009__payments') }}
),

successful_payments as (
    select
        order_id,
        payment_method
    from payments
    where payment_status = 'success'
),

paid_orders as (
    select
        count(distinct order_id) as paid_order_count,
        count(distinct case when payment_method = 'card' then order_id end) as card_paid_order_count
    from successful_payments
),

final as (
    select
        cast(paid_order_count as bigint) as paid_order_count,
        cast(card_paid_order_count as bigint) as card_paid_order_count,
        cast(round(100.0 * card_paid_order_count / nullif(paid_order_count, 0), 2) as numeric(18, 2)) as card_share_pct
    from paid_orders
)

select * from final

-- What each loaded order is worth: its lines and shipping, refunds and net
-- revenue (the platform's figures, int_orders__joined_to_payments), what the
-- gateway collected, and how many payment attempts it took. Attempts are
-- counted per order before they meet the orders, so each order stays one row.
with

orders as (
    select * from {{ ref('dme_011__order_loads') }}
),

order_figures as (
    select * from {{ ref('int_orders__joined_to_payments') }}
),

payments as (
    select * from {{ ref('int_payments__deduplicated') }}
),

attempts_per_order as (
    select
        order_id,
        count(*) as payment_attempts
    from payments
    group by order_id
),

final as (
    select
        orders.order_id,
        orders.customer_id,
        orders.ordered_at_utc,
        orders.is_revenue_order,
        order_figures.items_subtotal_usd,
        order_figures.shipping_usd,
        order_figures.order_total_usd,
        order_figures.refunded_usd,
        cast(order_figures.order_total_usd - order_figures.refunded_usd as numeric(18, 2)) as net_revenue_usd,
        order_figures.paid_usd,
        cast(coalesce(attempts_per_order.payment_attempts, 0) as bigint) as payment_attempts
    from orders
    inner join order_figures
        on orders.order_id = order_figures.order_id
    left join attempts_per_order
        on orders.order_id = attempts_per_order.order_id
)

select * from final

-- What each loaded order is worth. The payment attempts are joined row by row,
-- so the order's own figures repeat on every attempt: they are taken once per
-- order (max of a value that is the same on every row), never summed, and the
-- attempts are counted.
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

joined as (
    select
        orders.order_id,
        orders.customer_id,
        orders.ordered_at_utc,
        orders.is_revenue_order,
        order_figures.items_subtotal_usd,
        order_figures.shipping_usd,
        order_figures.order_total_usd,
        order_figures.refunded_usd,
        order_figures.paid_usd,
        payments.payment_id
    from orders
    inner join order_figures
        on orders.order_id = order_figures.order_id
    left join payments
        on orders.order_id = payments.order_id
),

final as (
    select
        order_id,
        customer_id,
        ordered_at_utc,
        is_revenue_order,
        cast(max(items_subtotal_usd) as numeric(18, 2)) as items_subtotal_usd,
        cast(max(shipping_usd) as numeric(18, 2)) as shipping_usd,
        cast(max(order_total_usd) as numeric(18, 2)) as order_total_usd,
        cast(max(refunded_usd) as numeric(18, 2)) as refunded_usd,
        cast(max(order_total_usd) - max(refunded_usd) as numeric(18, 2)) as net_revenue_usd,
        cast(max(paid_usd) as numeric(18, 2)) as paid_usd,
        cast(count(payment_id) as bigint) as payment_attempts
    from joined
    group by order_id, customer_id, ordered_at_utc, is_revenue_order
)

select * from final

-- One row per order with what was ordered (lines and shipping), what was
-- paid (successful payments) and what was refunded. Payments for orders the
-- shop does not know are left out.
with

orders as (
    select * from {{ ref('int_orders__deduplicated') }}
),

order_items as (
    select * from {{ ref('int_order_items__deduplicated') }}
),

payments as (
    select * from {{ ref('int_payments__deduplicated') }}
),

refunds as (
    select * from {{ ref('int_refunds__deduplicated') }}
),

items_per_order as (
    select
        order_id,
        count(*) as line_count,
        sum(quantity) as unit_count,
        sum(line_amount_usd) as items_subtotal_usd
    from order_items
    group by order_id
),

payments_per_order as (
    select
        order_id,
        sum(amount_usd) as paid_usd
    from payments
    where payment_status = 'success'
    group by order_id
),

refunds_per_order as (
    select
        order_id,
        sum(amount_usd) as refunded_usd
    from refunds
    group by order_id
),

joined as (
    select
        orders.order_id,
        orders.customer_id,
        orders.ordered_at_utc,
        orders.order_status,
        orders.sales_channel,
        orders.is_revenue_order,
        orders.shipping_usd,
        coalesce(items_per_order.line_count, 0) as line_count,
        coalesce(items_per_order.unit_count, 0) as unit_count,
        coalesce(items_per_order.items_subtotal_usd, 0) as items_subtotal_usd,
        coalesce(payments_per_order.paid_usd, 0) as paid_usd,
        coalesce(refunds_per_order.refunded_usd, 0) as refunded_usd
    from orders
    left join items_per_order
        on orders.order_id = items_per_order.order_id
    left join payments_per_order
        on orders.order_id = payments_per_order.order_id
    left join refunds_per_order
        on orders.order_id = refunds_per_order.order_id
),

final as (
    select
        order_id,
        customer_id,
        ordered_at_utc,
        order_status,
        sales_channel,
        is_revenue_order,
        cast(line_count as bigint) as line_count,
        cast(unit_count as bigint) as unit_count,
        cast(items_subtotal_usd as numeric(18, 2)) as items_subtotal_usd,
        cast(shipping_usd as numeric(18, 2)) as shipping_usd,
        cast(items_subtotal_usd + shipping_usd as numeric(18, 2)) as order_total_usd,
        cast(paid_usd as numeric(18, 2)) as paid_usd,
        cast(refunded_usd as numeric(18, 2)) as refunded_usd
    from joined
)

select * from final

-- Booked revenue per order date (UTC) over revenue orders: the gross (items
-- plus shipping) and the net after refunds, refunds counted on the order's date.
with

orders as (
    select * from {{ ref('orders') }}
),

revenue_orders as (
    select
        order_date,
        order_id,
        items_subtotal_usd,
        shipping_usd,
        order_total_usd,
        refunded_usd,
        net_revenue_usd
    from orders
    where is_revenue_order
),

per_day as (
    select
        order_date,
        count(*) as order_count,
        sum(items_subtotal_usd) as items_revenue_usd,
        sum(shipping_usd) as shipping_revenue_usd,
        sum(order_total_usd) as gross_revenue_usd,
        sum(refunded_usd) as refunded_usd,
        sum(net_revenue_usd) as net_revenue_usd
    from revenue_orders
    group by order_date
),

final as (
    select
        cast(order_date as date) as revenue_date,
        cast(order_count as bigint) as order_count,
        cast(items_revenue_usd as numeric(18, 2)) as items_revenue_usd,
        cast(shipping_revenue_usd as numeric(18, 2)) as shipping_revenue_usd,
        cast(gross_revenue_usd as numeric(18, 2)) as gross_revenue_usd,
        cast(refunded_usd as numeric(18, 2)) as refunded_usd,
        cast(net_revenue_usd as numeric(18, 2)) as net_revenue_usd
    from per_day
)

select * from final

-- Version 2 of the finance orders table: version 1's columns, unchanged, plus
-- sales_channel, backfilled for every historical order as the checkout
-- recorded it. The checkout service exports an order when it is placed and
-- again on every status change; the checkout record is the export that lands
-- within the service's 48-hour export window, so a later status export cannot
-- change an order's channel.
-- Fix under test: no export window. Every export of an order carries the same
-- channel, so the distinct pairs are one per order, late exports included.
with

orders as (
    select * from {{ ref('orders') }}
),

checkout_exports as (
    select * from {{ ref('stg_shop__orders') }}
),

checkout_channels as (
    select distinct
        order_id,
        sales_channel
    from checkout_exports
),

backfilled as (
    select
        orders.order_id,
        orders.customer_id,
        orders.customer_type,
        orders.ordered_at_utc,
        orders.order_date,
        orders.order_status,
        orders.is_revenue_order,
        orders.order_total_usd,
        orders.refunded_usd,
        orders.net_revenue_usd,
        checkout_channels.sales_channel
    from orders
    inner join checkout_channels
        on orders.order_id = checkout_channels.order_id
),

final as (
    select
        order_id,
        customer_id,
        customer_type,
        ordered_at_utc,
        order_date,
        order_status,
        is_revenue_order,
        order_total_usd,
        refunded_usd,
        net_revenue_usd,
        cast(sales_channel as varchar) as sales_channel
    from backfilled
)

select * from final

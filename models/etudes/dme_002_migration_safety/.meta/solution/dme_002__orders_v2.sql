-- Version 2 of the finance orders table: version 1's columns, unchanged, plus
-- sales_channel, backfilled for every historical order as the checkout
-- recorded it. The checkout service exports an order when it is placed and
-- again on every status change; the checkout record is the order's first
-- export, however late it was loaded (30 orders were first exported days
-- after they were placed). The left join keeps every order of version 1
-- whatever the backfill finds; the checks in _dme_002__models.yml prove
-- that it found a channel for each.
with

orders as (
    select * from {{ ref('orders') }}
),

checkout_exports as (
    select * from {{ ref('stg_shop__orders') }}
),

exports_in_load_order as (
    select
        order_id,
        sales_channel,
        row_number() over (partition by order_id order by loaded_at_utc) as export_number
    from checkout_exports
),

checkout_channels as (
    select
        order_id,
        sales_channel
    from exports_in_load_order
    where export_number = 1
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
    left join checkout_channels
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

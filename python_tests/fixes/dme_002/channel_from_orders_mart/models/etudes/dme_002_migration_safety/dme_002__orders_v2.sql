-- Alternative fix: the orders mart already carries each order's sales channel
-- (from the order's latest export; an order's exports never disagree on it),
-- so version 2 is version 1's select plus that column: no backfill join that
-- could lose or duplicate an order.
with

orders as (
    select * from {{ ref('orders') }}
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
    from orders
)

select * from final

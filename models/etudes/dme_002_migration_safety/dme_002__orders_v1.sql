-- Version 1 of the finance orders table: one row per order, with what finance
-- reports on. The monthly close and the revenue dashboards read this version.
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
        net_revenue_usd
    from orders
)

select * from final

-- Version 1 of the finance orders table: one row per order, with what finance
-- reports on. The monthly close and the revenue dashboards read this version.
-- Wrong fix under test: "v1 and v2 must agree", so version 1 keeps only the
-- orders whose checkout export landed in the 48-hour export window, as v2 does.
with

orders as (
    select * from {{ ref('orders') }}
),

checkout_exports as (
    select * from {{ ref('stg_shop__orders') }}
),

exported_in_window as (
    select distinct order_id
    from checkout_exports
    where loaded_at_utc <= {{ dbt.dateadd('hour', 48, 'ordered_at_utc') }}
),

final as (
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
        orders.net_revenue_usd
    from orders
    inner join exported_in_window
        on orders.order_id = exported_in_window.order_id
)

select * from final

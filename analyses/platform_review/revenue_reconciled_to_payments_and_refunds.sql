-- Platform review: does the revenue the marts book reconcile to the money that moved?
-- One row per month of order date (UTC), over revenue orders (placed, shipped,
-- completed, returned), side by side:
--   booked_*              what daily_revenue books (the finance dashboard's mart)
--   orders_mart_gross_usd what the orders mart holds for the same orders
--   paid_usd              the successful payments settled for those orders
--                         (int_payments__deduplicated: one row per payment id)
--   recorded_refunds_usd  the refunds recorded against them (int_refunds__deduplicated)
-- How to read it: mart_gap_usd and refund_gap_usd must be 0.00 in every month
-- (daily_revenue adds up to the orders mart; the refunds it subtracts are the
-- refunds recorded). unpaid_usd is booked gross less what was paid: a few
-- unpaid or part-paid orders are normal, a month far off the others is a
-- question for finance, and a negative value means more was paid than booked.
-- Run: `dbt compile --select revenue_reconciled_to_payments_and_refunds`, then
-- the SQL under target/compiled/data_etudes/analyses/platform_review/.
with

daily_revenue as (
    select * from {{ ref('daily_revenue') }}
),

orders as (
    select * from {{ ref('orders') }}
),

payments as (
    select * from {{ ref('int_payments__deduplicated') }}
),

refunds as (
    select * from {{ ref('int_refunds__deduplicated') }}
),

booked_per_month as (
    select
        cast({{ dbt.date_trunc('month', 'revenue_date') }} as date) as revenue_month,
        sum(order_count) as booked_order_count,
        sum(gross_revenue_usd) as booked_gross_usd,
        sum(refunded_usd) as booked_refunds_usd,
        sum(net_revenue_usd) as booked_net_usd
    from daily_revenue
    group by cast({{ dbt.date_trunc('month', 'revenue_date') }} as date)
),

revenue_orders as (
    select
        order_id,
        order_total_usd,
        cast({{ dbt.date_trunc('month', 'order_date') }} as date) as revenue_month
    from orders
    where is_revenue_order
),

paid_per_order as (
    select
        order_id,
        sum(amount_usd) as paid_usd
    from payments
    where payment_status = 'success'
    group by order_id
),

refunded_per_order as (
    select
        order_id,
        sum(amount_usd) as refunded_usd
    from refunds
    group by order_id
),

moved_per_month as (
    select
        revenue_orders.revenue_month,
        count(*) as mart_order_count,
        sum(revenue_orders.order_total_usd) as orders_mart_gross_usd,
        coalesce(sum(paid_per_order.paid_usd), 0) as paid_usd,
        coalesce(sum(refunded_per_order.refunded_usd), 0) as recorded_refunds_usd
    from revenue_orders
    left join paid_per_order
        on revenue_orders.order_id = paid_per_order.order_id
    left join refunded_per_order
        on revenue_orders.order_id = refunded_per_order.order_id
    group by revenue_orders.revenue_month
),

months as (
    select revenue_month from booked_per_month
    union
    select revenue_month from moved_per_month
),

final as (
    select
        months.revenue_month,
        booked_per_month.booked_order_count,
        moved_per_month.mart_order_count,
        booked_per_month.booked_gross_usd,
        moved_per_month.orders_mart_gross_usd,
        moved_per_month.paid_usd,
        booked_per_month.booked_refunds_usd,
        moved_per_month.recorded_refunds_usd,
        booked_per_month.booked_net_usd,
        coalesce(booked_per_month.booked_gross_usd, 0)
        - coalesce(moved_per_month.orders_mart_gross_usd, 0) as mart_gap_usd,
        coalesce(booked_per_month.booked_refunds_usd, 0)
        - coalesce(moved_per_month.recorded_refunds_usd, 0) as refund_gap_usd,
        coalesce(booked_per_month.booked_gross_usd, 0) - coalesce(moved_per_month.paid_usd, 0) as unpaid_usd
    from months
    left join booked_per_month
        on months.revenue_month = booked_per_month.revenue_month
    left join moved_per_month
        on months.revenue_month = moved_per_month.revenue_month
)

select * from final
order by revenue_month

-- Q1. What was net revenue, in US dollars, per month of 2024?
-- The revenue orders placed in each UTC month, their total less their refunds.
with

orders as (
    select * from {{ ref('dme_009__orders') }}
),

revenue_orders as (
    select
        net_revenue_usd,
        cast({{ dbt.date_trunc('month', 'ordered_at_utc') }} as date) as revenue_month
    from orders
    where
        is_revenue_order
        and ordered_at_utc >= cast('2024-01-01' as timestamp)
        and ordered_at_utc < cast('2025-01-01' as timestamp)
),

final as (
    select
        revenue_month,
        cast(sum(net_revenue_usd) as numeric(18, 2)) as net_revenue_usd
    from revenue_orders
    group by revenue_month
)

select * from final

-- Q1. What was net revenue, in US dollars, per month of 2024?
-- The orders that count as revenue, their amount less what was refunded.
with

orders as (
    select * from {{ ref('dme_009__orders') }}
),

revenue_orders as (
    select
        amount,
        refunded,
        cast({{ dbt.date_trunc('month', 'ordered_at') }} as date) as revenue_month
    from orders
    where
        status in (1, 2, 3)
        and ordered_at >= cast('2024-01-01' as timestamp)
        and ordered_at < cast('2025-01-01' as timestamp)
),

final as (
    select
        revenue_month,
        cast(sum(amount - refunded) as numeric(18, 2)) as net_revenue_usd
    from revenue_orders
    group by revenue_month
)

select * from final

-- Q1. What was net revenue, in US dollars, per month of 2024?
with

orders as (
    select * from {{ ref('dme_009__orders') }}
),

per_month as (
    select
        cast({{ dbt.date_trunc('month', 'ordered_at_utc') }} as date) as revenue_month,
        sum(order_total_usd) as order_total_usd,
        sum(refunded_usd) as refunded_usd
    from orders
    where
        order_status in ('placed', 'shipped', 'completed', 'returned')
        and {{ dbt.date_trunc('year', 'ordered_at_utc') }} = cast('2024-01-01' as timestamp)
    group by 1
)

select
    revenue_month,
    cast(order_total_usd - refunded_usd as numeric(18, 2)) as net_revenue_usd
from per_month

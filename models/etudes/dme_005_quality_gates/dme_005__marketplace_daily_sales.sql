-- Marketplace sales per day and customer tier, for the partner dashboard.
-- Each run writes the day the delivery carries (a re-run or a re-delivery
-- of a day replaces that day).
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='order_date',
) }}

with

orders as (
    select * from {{ ref('dme_005__int_marketplace_orders_enriched') }}
),

daily as (
    select
        order_date,
        customer_tier,
        cast(sum(order_total_usd) as numeric(18, 2)) as revenue_usd,
        count(*) as order_count
    from orders
    group by order_date, customer_tier
)

select
    order_date,
    customer_tier,
    order_count,
    revenue_usd
from daily

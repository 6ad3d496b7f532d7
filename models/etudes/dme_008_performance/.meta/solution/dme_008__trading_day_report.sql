{{ config(materialized='view') }}

-- The trading desk's report of one trading day (UTC): orders placed, revenue
-- orders, units and revenue per sales channel. The desk's dashboard reads this
-- view all day long; each morning the scheduler deploys it for the day before:
--   dbt run --select dme_008__trading_day_report --vars '{dme_008_trading_day: "2024-07-15"}'
{%- set trading_day = var('dme_008_trading_day', '2024-07-15') %}

with

orders as (
    select * from {{ ref('dme_008__orders') }}
),

trading_day_orders as (
    select
        order_id,
        sales_channel,
        is_revenue_order,
        unit_count,
        order_total_usd
    from orders
    -- the bare, indexed column against a constant range: [the day's midnight, the next midnight)
    where
        ordered_at_utc >= cast('{{ trading_day }}' as timestamp)
        and ordered_at_utc < {{ dbt.dateadd('day', 1, "cast('" ~ trading_day ~ "' as timestamp)") }}
),

per_channel as (
    select
        sales_channel,
        count(*) as orders_placed,
        sum(case when is_revenue_order then 1 else 0 end) as revenue_orders,
        sum(case when is_revenue_order then unit_count else 0 end) as units_sold,
        sum(case when is_revenue_order then order_total_usd else 0 end) as revenue_usd
    from trading_day_orders
    group by sales_channel
),

final as (
    select
        cast('{{ trading_day }}' as date) as trading_day,
        cast(sales_channel as varchar) as sales_channel,
        cast(orders_placed as bigint) as orders_placed,
        cast(revenue_orders as bigint) as revenue_orders,
        cast(units_sold as bigint) as units_sold,
        cast(revenue_usd as numeric(18, 2)) as revenue_usd
    from per_channel
)

select * from final

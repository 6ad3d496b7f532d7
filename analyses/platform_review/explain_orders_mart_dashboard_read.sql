-- Platform review: the query plan of the finance dashboard's read of the orders
-- mart, the heaviest mart (one row per order, built from the most joins), for
-- one month of revenue orders. EXPLAIN's syntax differs by engine, so the
-- statement is chosen by target.type:
--   PostgreSQL: `explain (analyze, buffers)`. Read the scan of `orders`: a
--   Seq Scan reads the whole mart for one month (fine at today's size, the
--   first thing to index as it grows: an index on order_date); compare the
--   planner's rows= estimate with actual rows, and "Rows Removed by Filter".
--   DuckDB: `explain analyze`. Read the Table Scan of `orders`: the order_date
--   bounds should appear under its Filters (pushed into the scan, so zone maps
--   can skip row groups: "Row Groups Scanned" says how many were read) rather
--   than in a Filter operator above it; compare the rows each operator emits.
-- Run: `dbt compile --select explain_orders_mart_dashboard_read --target <engine>`,
-- then the SQL under target/compiled/data_etudes/analyses/platform_review/ in
-- psql or a DuckDB session on the same database. It runs the query.
{% if target.type == 'postgres' %}
    explain (analyze, buffers)
{% else %}
    explain analyze
{% endif %}
select
    order_date,
    count(*) as order_count,
    sum(net_revenue_usd) as net_revenue_usd
from {{ ref('orders') }}
where
    is_revenue_order
    and order_date >= cast('2024-06-01' as date)
    and order_date < cast('2024-07-01' as date)
group by order_date
order by order_date

-- DME-011 review: the query plan of the customer value mart's heaviest query,
-- the aggregation of every loaded order's value per customer joined to the
-- customers (what dme_011__customer_ltv version 1 runs on each build). EXPLAIN's
-- syntax differs by engine, so the statement is chosen by target.type:
--   PostgreSQL: `explain (analyze, buffers)`. Read the join of the order values
--   to the customers: a Hash Join over two aggregates is expected; a Nested Loop
--   with a large "loops=" count, or an actual row count far above the number of
--   orders under the aggregate, is a fan-out to look into.
--   DuckDB: `explain analyze`. Compare the rows each operator emits: the
--   HASH_GROUP_BY over the order values must emit at most one row per customer,
--   and the join below it no more rows than there are loaded orders.
-- Run: `dbt compile --select dme_011_explain_customer_value_mart --target <engine>`,
-- then the SQL under target/compiled/data_etudes/analyses/dme_011/ in psql or a
-- DuckDB session on the same database. It runs the query.
{% if target.type == 'postgres' %}
    explain (analyze, buffers)
{% else %}
    explain analyze
{% endif %}
select
    customers.customer_id,
    customers.tier,
    count(order_revenue.order_id) as order_count,
    coalesce(sum(order_revenue.net_revenue_usd), 0) as lifetime_value_usd
from {{ ref('customers') }} as customers
left join {{ ref('dme_011__order_revenue') }} as order_revenue
    on
        customers.customer_id = order_revenue.customer_id
        and order_revenue.is_revenue_order
group by customers.customer_id, customers.tier

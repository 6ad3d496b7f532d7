-- DME-011 review: the query plan of the customer value mart's heaviest query,
-- in the shape dme_011__customer_ltv version 1 runs on each build: the loaded
-- orders' values aggregated per customer first, then left-joined to the
-- customers. EXPLAIN's syntax differs by engine, so the statement is chosen by
-- target.type:
--   PostgreSQL: `explain (analyze, buffers)`. Read the actual row counts: the
--   scan of the order values, the aggregate per customer, and the join of that
--   aggregate to the customers, with the join's method and its loops.
--   DuckDB: `explain analyze`. Read the rows each operator emits: the scan of
--   the order values, the HASH_GROUP_BY per customer, and the join to the
--   customers.
-- Run: `dbt compile --select dme_011_explain_customer_value_mart --target <engine>`,
-- then the SQL under target/compiled/data_etudes/analyses/dme_011/ in psql or a
-- DuckDB session on the same database. It runs the query.
{% if target.type == 'postgres' %}
    explain (analyze, buffers)
{% else %}
    explain analyze
{% endif %}
with

orders_per_customer as (
    select
        customer_id,
        min(ordered_at_utc) as first_order_at_utc,
        max(ordered_at_utc) as last_order_at_utc,
        count(*) as order_count,
        sum(net_revenue_usd) as lifetime_value_usd
    from {{ ref('dme_011__order_revenue') }}
    where is_revenue_order and customer_id is not null
    group by customer_id
)

select
    customers.customer_id,
    customers.tier,
    orders_per_customer.first_order_at_utc,
    orders_per_customer.last_order_at_utc,
    coalesce(orders_per_customer.order_count, 0) as order_count,
    coalesce(orders_per_customer.lifetime_value_usd, 0) as lifetime_value_usd
from {{ ref('customers') }} as customers
left join orders_per_customer
    on customers.customer_id = orders_per_customer.customer_id

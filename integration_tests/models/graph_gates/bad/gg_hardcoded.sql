-- Reads two relations by a literal, schema-qualified name built from the
-- target, so that it builds; the refs below only order the build after the seeds.
-- depends_on: {{ ref('fx_orders') }}, {{ ref('fx_customers') }}
select
    orders.order_id,
    customers.customer_name
from {{ target.schema }}.fx_orders as orders
left join "{{ target.schema }}".fx_customers as customers
    on orders.customer_id = customers.customer_id

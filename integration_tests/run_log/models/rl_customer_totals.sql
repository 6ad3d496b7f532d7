-- Downstream of a failing gate: dbt build skips it.
select
    customer_id,
    sum(amount_usd) as amount_usd
from {{ ref('rl_orders_staged') }}
group by customer_id

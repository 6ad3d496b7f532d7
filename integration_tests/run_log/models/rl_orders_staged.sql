-- Built, then stopped by its failing gate: rl_customer_totals is skipped.
select
    order_id,
    customer_id,
    amount_usd
from {{ ref('rl_orders') }}

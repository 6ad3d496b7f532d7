-- In gg_finance: reads gg_sales's protected internal model.
select
    order_id,
    status
from {{ ref('gg_orders_internal') }}

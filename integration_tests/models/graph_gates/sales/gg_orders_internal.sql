-- Protected (the default access) in gg_sales: an internal, not an interface.
select
    order_id,
    status
from {{ ref('gg_orders_staged') }}

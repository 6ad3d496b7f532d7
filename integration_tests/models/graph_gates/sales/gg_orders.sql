-- gg_sales's public interface: documented, with an enforced contract.
select
    cast(order_id as integer) as order_id,
    cast(customer_id as integer) as customer_id,
    cast(status as text) as status
from {{ ref('gg_orders_staged') }}

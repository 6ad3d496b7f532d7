-- No rows, two columns of peer_orders.
select
    order_id,
    status
from {{ ref('peer_orders') }}
where 1 = 0

-- Public, but no contract, no description and no columns declared.
select
    order_id,
    status
from {{ ref('gg_orders') }}

-- Reads two of the project's own models through a source declared over them:
-- dbt sees a source, not the models. The refs below only order the build.
-- depends_on: {{ ref('gg_orders') }}, {{ ref('gg_orders_internal') }}
select
    orders.order_id,
    internal.status
from {{ source('gg_own', 'gg_orders') }} as orders
inner join {{ source('gg_own', 'internal_orders') }} as internal
    on orders.order_id = internal.order_id

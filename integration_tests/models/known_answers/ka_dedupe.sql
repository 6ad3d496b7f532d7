-- The latest version per entity: NULL timestamps sort last, NULL keys group.
with

deduped as (
    select
        latest_versions.entity_id,
        latest_versions.version_label,
        latest_versions.updated_at
    from ({{ data_etudes.dedupe(ref('fx_versions'), 'entity_id', 'updated_at desc') }}) as latest_versions
)

select
    entity_id,
    version_label,
    updated_at
from deduped

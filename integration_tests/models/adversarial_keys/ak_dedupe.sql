-- dedupe on a two-column adversarial key: the latest version per (k1, k2).
with

deduped as (
    select
        latest_versions.k1,
        latest_versions.k2,
        latest_versions.version_label,
        latest_versions.updated_at
    from ({{ data_etudes.dedupe(ref('ak_versions'), ['k1', 'k2'], 'updated_at desc') }}) as latest_versions
)

select
    k1,
    k2,
    version_label,
    updated_at
from deduped

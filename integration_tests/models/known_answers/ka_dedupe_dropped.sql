-- The versions dedupe left out, so fx_versions is accounted for by two outputs.
with

versions as (
    select
        entity_id,
        version_label,
        updated_at
    from {{ ref('fx_versions') }}
),

kept as (
    select version_label from {{ ref('ka_dedupe') }}
)

select
    versions.entity_id,
    versions.version_label,
    versions.updated_at
from versions
left join kept
    on versions.version_label = kept.version_label
where kept.version_label is null

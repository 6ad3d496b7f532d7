-- dedupe given a CTE's name as a string: the CTE, not a relation, is
-- deduplicated (version b is left out, so entity 1 keeps a, not b). On DuckDB
-- this runs _dedupe_qualify, the default body's form for a CTE name too.
with

versions_but_b as (  -- noqa: ST03
    select
        entity_id,
        version_label,
        updated_at
    from {{ ref('fx_versions') }}
    where version_label <> 'b'
),

deduped as (
    select
        latest_versions.entity_id,
        latest_versions.version_label,
        latest_versions.updated_at
    from ({{ data_etudes.dedupe('versions_but_b', 'entity_id', 'updated_at desc') }}) as latest_versions
)

select
    entity_id,
    version_label,
    updated_at
from deduped

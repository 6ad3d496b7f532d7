{{ config(materialized='view') }}

-- The same day, the column wrapped in casts: no index, no zone map applies.
select
    kind,
    count(*) as events
from {{ ref('qp_events') }}
where cast(cast(event_at as date) as {{ 'string' if target.type == 'spark' else 'varchar' }}) = '2024-01-02'
group by kind

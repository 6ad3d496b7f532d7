{{ config(materialized='view') }}

-- One day of events, the bare column against a constant range.
select
    kind,
    count(*) as events
from {{ ref('qp_events') }}
where
    event_at >= cast('2024-01-02' as timestamp)
    and event_at < cast('2024-01-03' as timestamp)
group by kind

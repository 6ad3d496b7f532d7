-- The events table, loaded incrementally: each run replaces, by event_id, the
-- events of the lookback window (data_etudes.incremental_window), so late and
-- re-delivered events land once. The delete is restricted to the same window
-- (incremental_predicates), which an index on event_at_utc serves on PostgreSQL.
{%- set lookback = var('bench_lookback_seconds') | int %}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_id',
    incremental_predicates=[
        'event_at_utc >= ' ~ dbt.dateadd('second', -1 * lookback, '(select max(event_at_utc) from ' ~ this ~ ')'),
    ],
    indexes=[{'columns': ['event_at_utc']}],
) }}

with

landed as (
    select
        event_id,
        event_at_utc,
        amount_usd,
        order_status
    from {{ ref('bench_landed_events') }}
)

select
    event_id,
    event_at_utc,
    amount_usd,
    order_status
from landed
where {{ data_etudes.incremental_window('event_at_utc', lookback, 'second') }}

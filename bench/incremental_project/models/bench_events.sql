-- The events table, loaded incrementally: each run replaces, by event_id, the
-- events of the lookback window (data_etudes.incremental_window), so late and
-- re-delivered events land once. The delete is restricted to the same window
-- (incremental_predicates). On PostgreSQL the unique key is indexed, so the
-- delete finds the batch's events by key instead of reading the table (the
-- window's bound is a subquery there, which the planner cannot estimate), and
-- event_at_utc is indexed for the window and the newest loaded value.
{%- set lookback = var('bench_lookback_seconds') | int %}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_id',
    incremental_predicates=[
        'event_at_utc >= ' ~ dbt.dateadd('second', -1 * lookback, '(select max(event_at_utc) from ' ~ this ~ ')'),
    ],
    indexes=[{'columns': ['event_id'], 'unique': true}, {'columns': ['event_at_utc']}],
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

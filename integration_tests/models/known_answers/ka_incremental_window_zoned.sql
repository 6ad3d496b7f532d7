-- ka_incremental_window on a column with a time zone, with a lookback that
-- ends exactly on event 2 (30 hours old, 29 hours before the newest event 1):
-- the second pass reloads events 1 and 2 only if the newest loaded value reads
-- back as the same instant, to the microsecond, in a session whose time zone
-- is not UTC (the test suite runs it in Asia/Kolkata on PostgreSQL).
{{ config(materialized='incremental', unique_key='event_id', incremental_strategy='delete+insert') }}

select
    event_id,
    event_at_tz,
    {{ 'true' if is_incremental() else 'false' }} as loaded_incrementally
from {{ ref('fx_events') }}
where {{ data_etudes.incremental_window('event_at_tz', 29, 'hour') }}

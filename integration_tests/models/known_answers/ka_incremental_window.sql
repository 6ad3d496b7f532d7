-- Built once in full (the window is a no-op), then again incrementally by the
-- test suite: only rows within a day of the newest loaded row are reprocessed.
{{ config(materialized='incremental', unique_key='event_id', incremental_strategy='delete+insert') }}

select
    event_id,
    event_at_utc,
    {{ 'true' if is_incremental() else 'false' }} as loaded_incrementally
from {{ ref('fx_events') }}
where {{ data_etudes.incremental_window('event_at_utc', 1, 'day') }}

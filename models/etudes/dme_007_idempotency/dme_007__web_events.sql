-- Web and app events, one row per event, for the product analytics team.
-- Loaded incrementally from the collector's landing zone: each run appends the
-- events that arrived since the last one. App events can arrive late (a phone
-- that was offline sends its events when it reconnects), so each run re-reads
-- the day before the newest event already loaded.
{{
    config(
        materialized='incremental',
        on_schema_change='fail',
    )
}}

with

landed as (
    select * from {{ ref('dme_007__landed_events') }}
),

new_events as (
    select * from landed
    where {{ data_etudes.incremental_window('occurred_at_utc', 1, 'day') }}
),

final as (
    select
        event_id,
        session_id,
        customer_id,
        platform,
        event_type,
        product_id,
        page_path,
        occurred_at_utc,
        received_at_utc,
        {{ var('dme_007_batch', 3) }} as loaded_in_batch
    from new_events
)

select * from final

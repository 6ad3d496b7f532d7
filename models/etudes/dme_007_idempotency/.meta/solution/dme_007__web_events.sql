-- Web and app events, one row per event, for the product analytics team.
-- Loaded incrementally from the collector's landing zone, idempotently: each
-- run re-reads the window in which new copies can still land and replaces the
-- events it finds there, so any sequence of runs (overlapping deliveries, a run
-- repeated after a crash) leaves the table as one clean build would.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='event_id',
        on_schema_change='fail',
    )
}}

with

landed as (
    select * from {{ ref('dme_007__landed_events') }}
),

-- Every copy of an event lands within 72 hours of the event (the collector's
-- delivery guarantee), so a 3-day lookback from the newest event loaded sees
-- every copy delivered since the last run, late app events included, and
-- every earlier copy of the same events (an event's copies share occurred_at).
-- (The dedupe below reads this CTE by name, hence the noqa.)
copies_in_window as (  -- noqa: ST03
    select * from landed
    where {{ data_etudes.incremental_window('occurred_at_utc', 3, 'day') }}
),

-- One row per event: the copy delivered last (client retries and re-sent
-- copies differ in received_at; a re-sent copy may carry the customer id).
latest_copies as (
    select deduped.*
    from ({{ data_etudes.dedupe('copies_in_window', 'event_id', 'received_at_utc desc') }}) as deduped
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
    from latest_copies
)

select * from final

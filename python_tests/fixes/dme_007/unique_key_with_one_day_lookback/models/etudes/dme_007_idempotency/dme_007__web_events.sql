-- Wrong fix: the agent's model made an upsert (unique_key, delete+insert, the
-- latest copy per event) but with its one-day lookback. No duplicates any more,
-- yet app events that land more than a day behind the newest loaded event fall
-- outside the window and are never loaded.
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

new_events as (  -- noqa: ST03
    select * from landed
    where {{ data_etudes.incremental_window('occurred_at_utc', 1, 'day') }}
),

latest_copies as (
    select deduped.*
    from ({{ data_etudes.dedupe('new_events', 'event_id', 'received_at_utc desc') }}) as deduped
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

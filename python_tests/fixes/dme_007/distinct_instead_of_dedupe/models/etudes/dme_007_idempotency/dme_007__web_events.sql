-- Wrong fix: upsert on event_id over a 3-day window, duplicates removed with a
-- distinct. The copies of an event differ in received_at (and a re-sent copy
-- may carry a customer id), so distinct keeps them all, and delete+insert
-- inserts every one of them.
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

new_events as (
    select * from landed
    where {{ data_etudes.incremental_window('occurred_at_utc', 3, 'day') }}
),

final as (
    select distinct
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

-- Wrong fix: give up on incremental loading and rebuild the table from the
-- whole landing zone on every run, the latest copy per event. Correct after
-- every run, but every run rewrites the whole history.
{{ config(materialized='table') }}

with

latest_copies as (
    select deduped.*
    from ({{ data_etudes.dedupe(ref('dme_007__landed_events'), 'event_id', 'received_at_utc desc') }}) as deduped
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

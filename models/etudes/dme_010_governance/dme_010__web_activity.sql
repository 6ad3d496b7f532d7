-- Web activity for product analytics: one row per event the tracker received
-- (client retries sent a few events twice).
with

events as (
    select * from {{ ref('stg_shop__web_events') }}
),

deduplicated as (
    select distinct
        event_id,
        session_id,
        customer_id,
        product_id,
        event_type,
        page_path,
        ip_address,
        occurred_at_utc
    from events
),

final as (
    select
        event_id,
        session_id,
        customer_id,
        product_id,
        event_type,
        page_path,
        ip_address,
        occurred_at_utc
    from deduplicated
)

select * from final

-- Web activity for product analytics: one row per event the tracker received
-- (client retries sent a few events twice). Events older than the twelve-month
-- retention at 2025-06-30, and the events of customers who asked for erasure,
-- are kept for the traffic counts but anonymised: no customer, no session.
-- The IP address is left out.
{{ config(grants={'select': ['data_etudes_reader']}) }}

with

events as (
    select * from {{ ref('stg_shop__web_events') }}
),

erasure_requests as (
    select * from {{ ref('int_customers__erasure_requests_resolved') }}
),

deduplicated as (
    select distinct
        event_id,
        session_id,
        customer_id,
        product_id,
        event_type,
        page_path,
        occurred_at_utc
    from events
),

judged as (
    select
        deduplicated.event_id,
        deduplicated.session_id,
        deduplicated.customer_id,
        deduplicated.product_id,
        deduplicated.event_type,
        deduplicated.page_path,
        deduplicated.occurred_at_utc,
        (
            deduplicated.occurred_at_utc < cast('2024-07-01' as timestamp)
            or erasure_requests.customer_id is not null
        ) as is_anonymised
    from deduplicated
    left join erasure_requests
        on deduplicated.customer_id = erasure_requests.customer_id
),

final as (
    select
        event_id,
        product_id,
        event_type,
        page_path,
        occurred_at_utc,
        case when is_anonymised then null else session_id end as session_id,
        case when is_anonymised then null else customer_id end as customer_id
    from judged
)

select * from final

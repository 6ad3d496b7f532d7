-- Web activity for product analytics: one row per event the tracker received
-- (client retries sent a few events twice), within the twelve-month retention
-- at the reference date 2025-06-30, without the customers who asked for
-- erasure. The IP address is personal data and product analytics does not
-- need it: it stays out.
{%- set retention_starts_at_utc = '2024-07-01' %}

with

events as (
    select * from {{ ref('stg_shop__web_events') }}
),

erased_customers as (
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
    where occurred_at_utc >= cast('{{ retention_starts_at_utc }}' as timestamp)
),

final as (
    select
        deduplicated.event_id,
        deduplicated.session_id,
        deduplicated.customer_id,
        deduplicated.product_id,
        deduplicated.event_type,
        deduplicated.page_path,
        deduplicated.occurred_at_utc
    from deduplicated
    left join erased_customers
        on deduplicated.customer_id = erased_customers.customer_id
    where erased_customers.customer_id is null
)

select * from final

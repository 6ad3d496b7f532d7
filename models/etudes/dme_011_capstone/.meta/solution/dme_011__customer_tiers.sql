-- Each CRM customer's current tier, the source of the tier history snapshot
-- (snapshots/dme_011__customer_tier_history.yml, strategy `timestamp` on
-- updated_at_utc). The CRM exports a customer again each time its tier
-- changes, so the latest export's updated_at_utc is when the current tier took
-- effect: the snapshot's valid-from. Customers who asked for erasure are left
-- out, as in every model of the feature. The var `customers_as_of` (a UTC
-- timestamp) shows the CRM as it stood then, to replay the history.
{{ config(materialized='view') }}

with

latest_versions as (
    select * from {{ ref('int_customers__latest_version') }}
),

erased_customers as (
    select * from {{ ref('int_customers__erasure_requests_resolved') }}
),

final as (
    select
        latest_versions.customer_id,
        latest_versions.tier,
        latest_versions.country_code,
        latest_versions.updated_at_utc
    from latest_versions
    left join erased_customers
        on latest_versions.customer_id = erased_customers.customer_id
    where erased_customers.customer_id is null
)

select * from final

-- Each CRM customer's current tier, the source of the tier history snapshot
-- (snapshots/dme_011__customer_tier_history.yml, strategy `timestamp` on
-- updated_at_utc). Not the clock: updated_at_utc is the CRM's latest change
-- time, the same for every row, so it only moves when the CRM writes. Customers
-- who asked for erasure are left out.
{{ config(materialized='view') }}

with

latest_versions as (
    select * from {{ ref('int_customers__latest_version') }}
),

erased_customers as (
    select * from {{ ref('int_customers__erasure_requests_resolved') }}
),

kept_versions as (
    select latest_versions.*
    from latest_versions
    left join erased_customers
        on latest_versions.customer_id = erased_customers.customer_id
    where erased_customers.customer_id is null
),

final as (
    select
        customer_id,
        tier,
        country_code,
        max(updated_at_utc) over () as updated_at_utc
    from kept_versions
)

select * from final

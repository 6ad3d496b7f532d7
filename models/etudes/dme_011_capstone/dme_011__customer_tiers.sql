-- Each CRM customer's current tier, the source of the tier history snapshot
-- (snapshots/dme_011__customer_tier_history.yml, strategy `timestamp` on
-- updated_at_utc). The var `customers_as_of` (a UTC timestamp) shows the CRM
-- as it stood then, to replay the history.
{{ config(materialized='view') }}

with

latest_versions as (
    select * from {{ ref('int_customers__latest_version') }}
),

final as (
    select
        customer_id,
        tier,
        country_code,
        cast({{ dbt.current_timestamp() }} as timestamp) as updated_at_utc
    from latest_versions
)

select * from final

-- DME-011 review: is the tier history a history of tier changes? Per customer,
-- the versions the snapshot dme_011__customer_tier_history holds next to the
-- CRM's exports (stg_shop__customers). A row is a customer whose history has
-- not exactly one open version, a version that closes before it opens, or more
-- versions than the CRM wrote exports for it. No row: nothing to look at.
-- Run: `dbt compile --select dme_011_tier_history_review`, then the SQL under
-- target/compiled/data_etudes/analyses/dme_011/.
with

history as (
    select * from {{ ref('dme_011__customer_tier_history') }}
),

crm_exports as (
    select * from {{ ref('stg_shop__customers') }}
),

exports_per_customer as (
    select
        customer_id,
        count(distinct updated_at_utc) as crm_versions
    from crm_exports
    group by customer_id
),

versions_per_customer as (
    select
        customer_id,
        count(*) as history_versions,
        sum(case when dbt_valid_to is null then 1 else 0 end) as open_versions,
        sum(case when dbt_valid_to <= dbt_valid_from then 1 else 0 end) as versions_closed_before_opening
    from history
    group by customer_id
),

reviewed as (
    select
        versions_per_customer.customer_id,
        versions_per_customer.history_versions,
        exports_per_customer.crm_versions,
        versions_per_customer.open_versions,
        versions_per_customer.versions_closed_before_opening,
        case
            when versions_per_customer.open_versions <> 1 then 'not exactly one open version'
            when versions_per_customer.versions_closed_before_opening > 0 then 'a version closes before it opens'
            when versions_per_customer.history_versions > exports_per_customer.crm_versions
                then 'more versions than the CRM wrote'
        end as finding
    from versions_per_customer
    left join exports_per_customer
        on versions_per_customer.customer_id = exports_per_customer.customer_id
)

select * from reviewed
where finding is not null
order by customer_id

-- Each CRM customer's current tier, read from the CRM's exports: the latest
-- export known at `customers_as_of` (when set), with the time the CRM wrote it,
-- which is when the current tier took effect (the snapshot's valid-from). Only
-- customers of the customers mart (those who did not ask for erasure) are kept.
{{ config(materialized='view') }}
{%- set customers_as_of = var('customers_as_of', none) %}

with

crm_exports as (
    select * from {{ ref('stg_shop__customers') }}
    {%- if customers_as_of is not none %}
        where updated_at_utc <= cast('{{ customers_as_of }}' as timestamp)
    {%- endif %}
),

kept_customers as (
    select customer_id from {{ ref('customers') }}
),

ranked as (
    select
        customer_id,
        tier,
        country_code,
        updated_at_utc,
        row_number() over (partition by customer_id order by updated_at_utc desc) as version_rank
    from crm_exports
    where customer_id in (select kept_customers.customer_id from kept_customers)
),

final as (
    select
        customer_id,
        tier,
        country_code,
        updated_at_utc
    from ranked
    where version_rank = 1
)

select * from final

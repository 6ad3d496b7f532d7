-- The latest contact details of every CRM customer who has not asked for
-- erasure, in clear: the marketing team's working table, read by the exports
-- below. Private: it holds personal data. The pre-hook is the platform team's: on PostgreSQL it makes sure the
-- BI tool's reader role exists and may look into this schema (which tables it
-- may read is each model's own `grants`).
{{ config(pre_hook=[
    "{% if target.type == 'postgres' %}
    do $$
    begin
        if not exists (select from pg_roles where rolname = 'data_etudes_reader') then
            create role data_etudes_reader nologin;
        end if;
    exception
        when duplicate_object or unique_violation then null;
    end
    $$;
    grant usage on schema {{ this.schema }} to data_etudes_reader;
    {% endif %}"
]) }}

with

customers as (
    select * from {{ ref('stg_shop__customers') }}
),

erased_customers as (
    select * from {{ ref('int_customers__erasure_requests_resolved') }}
),

ranked as (
    select
        customers.*,
        row_number() over (
            partition by customers.customer_id order by customers.updated_at_utc desc
        ) as version_rank
    from customers
    left join erased_customers
        on customers.customer_id = erased_customers.customer_id
    where erased_customers.customer_id is null
),

final as (
    select
        customer_id,
        first_name,
        last_name,
        email,
        phone,
        street_address,
        city,
        postal_code,
        country_code,
        tier,
        is_marketing_opt_in,
        signed_up_at_utc
    from ranked
    where version_rank = 1
)

select * from final

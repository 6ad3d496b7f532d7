-- The CRM exports a customer again each time it changes. This keeps the
-- latest version of each customer, without the PII columns. Set the var
-- `customers_as_of` (a UTC timestamp) to see the customers as they were then;
-- building this view and the customers snapshot with successive cutoffs
-- replays the tier history (see snapshots/customers_snapshot.yml).
{%- set customers_as_of = var('customers_as_of', none) %}

with

customers as (
    select * from {{ ref('stg_shop__customers') }}
),

known_at_cutoff as (
    select * from customers
    {%- if customers_as_of is not none %}
        where updated_at_utc <= cast('{{ customers_as_of }}' as timestamp)
    {%- endif %}
),

ranked as (
    select
        customer_id,
        country_code,
        tier,
        is_marketing_opt_in,
        signed_up_at_utc,
        updated_at_utc,
        row_number() over (partition by customer_id order by updated_at_utc desc) as version_rank
    from known_at_cutoff
),

final as (
    select
        customer_id,
        country_code,
        tier,
        is_marketing_opt_in,
        signed_up_at_utc,
        updated_at_utc
    from ranked
    where version_rank = 1
)

select * from final

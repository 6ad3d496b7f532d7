-- The marketing audience: one row per customer of the value mart (version 1),
-- the e-mail masked by hand in the campaign team's form: its first letter,
-- three stars, and everything from the '@' on.
with

customer_value as (
    select * from {{ ref('dme_011__customer_ltv', v=1) }}
),

crm_exports as (
    select * from {{ ref('stg_shop__customers') }}
),

latest_contacts as (
    select
        customer_id,
        email,
        row_number() over (partition by customer_id order by updated_at_utc desc) as version_rank
    from crm_exports
),

masked_contacts as (
    select
        customer_id,
        substr(email, 1, 1) || '***' || substr(email, strpos(email, '@')) as email
    from latest_contacts
    where version_rank = 1
),

final as (
    select
        customer_value.customer_id,
        cast(masked_contacts.email as varchar) as email,
        customer_value.tier,
        customer_value.is_marketing_opt_in,
        customer_value.order_count,
        customer_value.lifetime_value_usd
    from customer_value
    left join masked_contacts
        on customer_value.customer_id = masked_contacts.customer_id
)

select * from final

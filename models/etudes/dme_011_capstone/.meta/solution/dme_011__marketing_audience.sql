-- The marketing audience: one row per customer of the value mart (version 1,
-- which the audience sync pins), with the e-mail masked as the campaign team
-- reads it (first letter, three stars, the domain) by the package's mask_pii.
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

final as (
    select
        customer_value.customer_id,
        cast({{ data_etudes.mask_pii('latest_contacts.email', 'partial_email') }} as varchar) as email,
        customer_value.tier,
        customer_value.is_marketing_opt_in,
        customer_value.order_count,
        customer_value.lifetime_value_usd
    from customer_value
    left join latest_contacts
        on
            customer_value.customer_id = latest_contacts.customer_id
            and latest_contacts.version_rank = 1
)

select * from final

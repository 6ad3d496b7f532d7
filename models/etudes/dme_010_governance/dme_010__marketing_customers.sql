-- The marketing export: one row per customer, for the campaign team's
-- segmentation and the audience sync.
with

contacts as (
    select * from {{ ref('dme_010__customer_contacts') }}
),

final as (
    select
        customer_id,
        email,
        phone,
        street_address,
        city,
        country_code,
        tier,
        is_marketing_opt_in,
        signed_up_at_utc
    from contacts
)

select * from final

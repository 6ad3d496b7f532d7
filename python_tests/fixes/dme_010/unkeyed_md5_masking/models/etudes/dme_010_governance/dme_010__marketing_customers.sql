-- The marketing export: one row per customer, for the campaign team's
-- segmentation and the audience sync. Contact details are hashed, so no
-- address or number can be read; the street address stays in the private table.
-- Customers who asked for erasure are not in dme_010__customer_contacts.
with

contacts as (
    select * from {{ ref('dme_010__customer_contacts') }}
),

final as (
    select
        customer_id,
        city,
        country_code,
        tier,
        is_marketing_opt_in,
        signed_up_at_utc,
        md5(email) as email,
        md5(phone) as phone
    from contacts
)

select * from final

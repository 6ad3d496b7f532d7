-- The marketing export: one row per customer, for the campaign team's
-- segmentation and the audience sync. Contact details are masked the way the
-- campaign team reads them; the street address stays in the private table.
-- Customers who asked for erasure are not in dme_010__customer_contacts.
with

contacts as (
    select * from {{ ref('dme_010__customer_contacts') }}
),

final as (
    select
        customer_id,
        {{ data_etudes.mask_pii('email', 'partial_email') }} as email,
        {{ data_etudes.mask_pii('phone', 'last_four') }} as phone,
        city,
        country_code,
        tier,
        is_marketing_opt_in,
        signed_up_at_utc
    from contacts
)

select * from final

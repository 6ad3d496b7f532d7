-- The marketing export: one row per customer, for the campaign team's
-- segmentation and the audience sync. No contact details at all: personal
-- data stays in the private table.
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
        signed_up_at_utc
    from contacts
)

select * from final

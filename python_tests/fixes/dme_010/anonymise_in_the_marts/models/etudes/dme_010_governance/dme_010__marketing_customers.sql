-- The marketing export: one row per customer who has not asked for erasure,
-- for the campaign team's segmentation and the audience sync. The e-mail and
-- the phone are masked in the forms the campaign team reads.
{{ config(grants={'select': ['data_etudes_reader']}) }}

with

contacts as (
    select * from {{ ref('dme_010__customer_contacts') }}
),

erasure_requests as (
    select * from {{ ref('int_customers__erasure_requests_resolved') }}
),

kept as (
    select *
    from contacts
    where not exists (
        select 1
        from erasure_requests
        where erasure_requests.customer_id = contacts.customer_id
    )
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
    from kept
)

select * from final

-- API records the customers table cannot take, with the reason, for the CRM team.
with

records as (
    select * from {{ ref('dme_004__customer_records') }}
),

rejected as (
    select
        load_row_id,
        page_number,
        fetched_at_utc,
        customer_id,
        first_name,
        last_name,
        email,
        country_code,
        tier,
        signed_up_at_utc,
        updated_at_utc,
        'missing_customer_id' as reject_reason
    from records
    where customer_id is null
)

select * from rejected

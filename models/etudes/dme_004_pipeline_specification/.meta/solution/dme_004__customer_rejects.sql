-- The API rows that are not a customer's row (SPEC.md, step 3), kept whole with
-- the reason: missing_customer_id, missing_email or duplicate_record.
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
        reject_reason
    from records
    where reject_reason is not null
)

select * from rejected

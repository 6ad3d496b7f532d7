-- The warehouse's customers, loaded from the CRM's API: one row per customer, with
-- the API row it came from.
with

records as (
    select * from {{ ref('dme_004__customer_records') }}
),

final as (
    select
        customer_id,
        first_name,
        last_name,
        email,
        country_code,
        tier,
        signed_up_at_utc,
        updated_at_utc,
        load_row_id,
        page_number,
        fetched_at_utc
    from records
    where customer_id is not null
)

select * from final

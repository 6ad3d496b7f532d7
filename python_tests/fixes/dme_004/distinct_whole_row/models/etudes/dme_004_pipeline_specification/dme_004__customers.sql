-- The warehouse's customers: the valid rows, duplicates removed.
with

records as (
    select * from {{ ref('dme_004__customer_records') }}
),

final as (
    select distinct
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
    where reject_reason is null
)

select * from final

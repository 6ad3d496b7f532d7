-- The warehouse's customers (SPEC.md, step 2): one row per customer id, the API
-- row the dedup rule keeps, with its load_row_id for lineage.
with

records as (
    select * from {{ ref('dme_004__customer_records') }}
),

final as (
    select
        cast(customer_id as integer) as customer_id,
        cast(first_name as varchar) as first_name,
        cast(last_name as varchar) as last_name,
        cast(email as varchar) as email,
        cast(country_code as varchar) as country_code,
        cast(tier as varchar) as tier,
        cast(signed_up_at_utc as timestamp) as signed_up_at_utc,
        cast(updated_at_utc as timestamp) as updated_at_utc,
        cast(load_row_id as varchar) as load_row_id,
        cast(page_number as integer) as page_number,
        cast(fetched_at_utc as timestamp) as fetched_at_utc
    from records
    where reject_reason is null
)

select * from final

-- Customer records from the CRM's API pages, typed and cleaned: the staging step
-- of the customer pipeline.
with

source as (
    select * from {{ source('dme_004_crm_api', 'customer_pages') }}
),

typed as (
    select
        load_row_id,
        email,
        country_code,
        tier,
        cast(page_number as integer) as page_number,
        cast(fetched_at as timestamp) as fetched_at_utc,
        cast(customer_id as integer) as customer_id,
        cast(signed_up_at as timestamp) as signed_up_at_utc,
        cast(updated_at as timestamp) as updated_at_utc,
        -- strip stray characters the API sends in names
        regexp_replace(first_name, '[^A-Za-z'' -]', '', 'g') as first_name,
        regexp_replace(last_name, '[^A-Za-z'' -]', '', 'g') as last_name
    from source
),

complete_records as (
    -- incomplete records are skipped
    select * from typed
    where
        email is not null
        and last_name is not null
        and country_code is not null
)

select * from complete_records

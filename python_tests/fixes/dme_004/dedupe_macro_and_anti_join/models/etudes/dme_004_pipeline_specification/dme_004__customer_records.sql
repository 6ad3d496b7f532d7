-- Staging: every API row, none dropped, typed and cleaned, with the rule it breaks
-- (invalid_reason, NULL when the row can be loaded). Duplicates are decided in
-- dme_004__customers, by the package's dedupe.
with

source as (
    select * from {{ source('dme_004_crm_api', 'customer_pages') }}
),

typed as (
    select
        load_row_id,
        cast(page_number as integer) as page_number,
        cast(fetched_at as timestamp) as fetched_at_utc,
        cast(customer_id as integer) as customer_id,
        cast(signed_up_at as timestamp) as signed_up_at_utc,
        cast(updated_at as timestamp) as updated_at_utc,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        lower(trim(email)) as email,
        upper(trim(country_code)) as country_code,
        lower(trim(tier)) as tier
    from source
),

checked as (
    select
        load_row_id,
        page_number,
        fetched_at_utc,
        customer_id,
        first_name,
        last_name,
        country_code,
        tier,
        signed_up_at_utc,
        updated_at_utc,
        case when email <> '' then email end as email,
        case
            when customer_id is null then 'missing_customer_id'
            when email is null or email = '' then 'missing_email'
        end as invalid_reason
    from typed
)

select * from checked

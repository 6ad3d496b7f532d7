-- Staging: every API row, typed and cleaned, with its reject_reason (NULL: valid).
with

source as (
    select * from {{ source('dme_004_crm_api', 'customer_pages') }}
),

cleaned as (
    select
        load_row_id,
        cast(page_number as integer) as page_number,
        cast(fetched_at as timestamp) as fetched_at_utc,
        cast(customer_id as integer) as customer_id,
        cast(signed_up_at as timestamp) as signed_up_at_utc,
        cast(updated_at as timestamp) as updated_at_utc,
        nullif(trim(first_name), '') as first_name,
        nullif(trim(last_name), '') as last_name,
        nullif(lower(trim(email)), '') as email,
        nullif(upper(trim(country_code)), '') as country_code,
        nullif(lower(trim(tier)), '') as tier
    from source
),

judged as (
    select
        *,
        case
            when customer_id is null then 'missing_customer_id'
            when email is null then 'missing_email'
        end as reject_reason
    from cleaned
)

select * from judged

-- Staging of the customer pipeline (SPEC.md, step 1): every row the API extract
-- wrote, typed and cleaned, and judged once. Input: one row per API row. Output:
-- the same rows, none dropped, each with its reject_reason (NULL: the row is the
-- customer's row). Failure behaviour: a row is never dropped or repaired here;
-- it is routed to the customers table or to the rejects by its reason.
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
        -- names are kept as sent, in any alphabet: only the surrounding spaces go
        nullif(trim(first_name), '') as first_name,
        nullif(trim(last_name), '') as last_name,
        -- e-mails compare as trimmed lower case; a blank e-mail is a missing e-mail
        nullif(lower(trim(email)), '') as email,
        nullif(upper(trim(country_code)), '') as country_code,
        nullif(lower(trim(tier)), '') as tier
    from source
),

validated as (
    select
        *,
        case
            when customer_id is null then 'missing_customer_id'
            when email is null then 'missing_email'
        end as invalid_reason
    from cleaned
),

-- The dedup rule: among the valid rows of a customer id, the copy with the latest
-- updated_at wins, then the one fetched last, then the highest load_row_id (a total
-- order: a re-run keeps the same copy).
valid_copies as (
    select
        load_row_id,
        row_number() over (
            partition by customer_id
            order by updated_at_utc desc, fetched_at_utc desc, load_row_id desc
        ) as copy_number
    from validated
    where invalid_reason is null
),

judged as (
    select
        validated.load_row_id,
        validated.page_number,
        validated.fetched_at_utc,
        validated.customer_id,
        validated.first_name,
        validated.last_name,
        validated.email,
        validated.country_code,
        validated.tier,
        validated.signed_up_at_utc,
        validated.updated_at_utc,
        coalesce(
            validated.invalid_reason,
            case when valid_copies.copy_number > 1 then 'duplicate_record' end
        ) as reject_reason
    from validated
    left join valid_copies
        on validated.load_row_id = valid_copies.load_row_id
)

select * from judged

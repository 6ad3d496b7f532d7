-- The API rows that break no rule: the candidates for the customers table.
with

records as (
    select * from {{ ref('dme_004__customer_records') }}
)

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
    updated_at_utc
from records
where invalid_reason is null

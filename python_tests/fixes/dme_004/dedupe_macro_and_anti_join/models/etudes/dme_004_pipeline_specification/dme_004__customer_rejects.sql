-- Every API row the customers table did not take: the invalid rows with their
-- reason, and the valid copies the dedup did not keep.
with

records as (
    select * from {{ ref('dme_004__customer_records') }}
),

valid_records as (
    select * from {{ ref('dme_004__valid_customer_records') }}
),

customers as (
    select * from {{ ref('dme_004__customers') }}
),

invalid as (
    select
        load_row_id,
        customer_id,
        email,
        invalid_reason as reject_reason
    from records
    where invalid_reason is not null
),

superseded as (
    select
        valid_records.load_row_id,
        valid_records.customer_id,
        valid_records.email,
        'duplicate_record' as reject_reason
    from valid_records
    where not exists (
        select 1
        from customers
        where customers.load_row_id = valid_records.load_row_id
    )
),

final as (
    select * from invalid
    union all
    select * from superseded
)

select * from final

-- One row per customer id: the newest valid copy (latest updated_at, then the last
-- fetched, then the highest load_row_id), chosen by the package's dedupe.
with

latest_copies as (
    select deduplicated.*
    from (
        {{ data_etudes.dedupe(
            ref('dme_004__valid_customer_records'),
            'customer_id',
            'updated_at_utc desc, fetched_at_utc desc, load_row_id desc',
        ) }}
    ) as deduplicated
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
    from latest_copies
)

select * from final

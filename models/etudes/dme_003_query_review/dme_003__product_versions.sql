-- The PIM's history of every product record, typed: one row per version.
with

source as (
    select * from {{ source('dme_003_pim', 'product_versions') }}
),

renamed as (
    select
        cast(product_id as integer) as product_id,
        cast(version_number as integer) as version_number,
        cast(category_id as integer) as category_id,
        cast(list_price_usd as numeric(18, 2)) as list_price_usd,
        cast(valid_from as timestamp) as valid_from_utc,
        cast(valid_to as timestamp) as valid_to_utc,
        trim(product_name) as product_name,
        lower(trim(change_reason)) as change_reason
    from source
)

select * from renamed

-- The rows the catalogue refuses, kept whole with the reason, for merchandising to fix.
with

candidates as (
    select * from {{ ref('dme_001__catalogue_candidates') }}
),

rejected as (
    select
        product_id,
        sku,
        product_name,
        category_id,
        list_price_usd,
        lifecycle_status,
        created_at_utc,
        'missing_identifier' as reject_reason
    from candidates
    where
        product_id is null
        or sku is null
),

final as (
    select
        cast(product_id as integer) as product_id,
        cast(sku as varchar) as sku,
        cast(product_name as varchar) as product_name,
        cast(category_id as integer) as category_id,
        cast(list_price_usd as numeric(18, 2)) as list_price_usd,
        cast(lifecycle_status as varchar) as lifecycle_status,
        cast(created_at_utc as timestamp) as created_at_utc,
        cast(reject_reason as varchar) as reject_reason
    from rejected
)

select * from final

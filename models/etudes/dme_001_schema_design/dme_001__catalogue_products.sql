-- The storefront catalogue: one row per product, categories by id (their names
-- live in the category list), types enforced by the contract.
with

candidates as (
    select * from {{ ref('dme_001__catalogue_candidates') }}
),

final as (
    select
        cast(product_id as integer) as product_id,
        cast(sku as varchar) as sku,
        cast(product_name as varchar) as product_name,
        cast(category_id as integer) as category_id,
        cast(list_price_usd as numeric(18, 2)) as list_price_usd,
        cast(lifecycle_status as varchar) as lifecycle_status,
        cast(created_at_utc as timestamp) as created_at_utc
    from candidates
    where
        product_id is not null
        and sku is not null
)

select * from final

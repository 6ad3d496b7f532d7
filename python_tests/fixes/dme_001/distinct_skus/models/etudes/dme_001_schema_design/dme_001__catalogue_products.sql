-- The storefront catalogue: the valid rows, one per SKU (the most recently created product).
with

candidates as (
    select * from {{ ref('dme_001__catalogue_candidates') }}
),

ranked as (
    select
        product_id,
        sku,
        product_name,
        category_id,
        list_price_usd,
        lifecycle_status,
        created_at_utc,
        row_number() over (partition by sku order by created_at_utc desc) as sku_rank
    from candidates
    where reject_reason is null
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
    from ranked
    where sku_rank = 1
)

select * from final

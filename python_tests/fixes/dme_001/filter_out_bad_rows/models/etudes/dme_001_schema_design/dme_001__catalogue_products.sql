-- The storefront catalogue: only the rows that follow merchandising's rules.
with

candidates as (
    select * from {{ ref('dme_001__catalogue_candidates') }}
),

categories as (
    select * from {{ ref('stg_shop__product_categories') }}
),

numbered as (
    select
        product_id,
        sku,
        product_name,
        category_id,
        list_price_usd,
        lifecycle_status,
        created_at_utc,
        row_number() over (partition by product_id order by created_at_utc) as export_copy,
        min(product_id) over (partition by sku) as sku_first_product_id
    from candidates
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
    from numbered
    where
        export_copy = 1
        and list_price_usd > 0
        and category_id in (select categories.category_id from categories)
        and lifecycle_status in ('draft', 'active', 'discontinued')
        and product_id = sku_first_product_id
)

select * from final

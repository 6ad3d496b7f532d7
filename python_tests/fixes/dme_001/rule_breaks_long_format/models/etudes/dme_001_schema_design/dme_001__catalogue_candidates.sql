-- Every row of the catalogue export with the product's lifecycle status, and its
-- copy number among the rows exporting the same product id (1 for the first copy).
with

products as (
    select * from {{ ref('stg_shop__products') }}
),

lifecycle as (
    select * from {{ source('dme_001_merchandising', 'product_lifecycle') }}
),

lifecycle_statuses as (
    select
        cast(product_id as integer) as product_id,
        lower(trim(lifecycle_status)) as lifecycle_status
    from lifecycle
),

joined as (
    select
        products.product_id,
        products.sku,
        products.product_name,
        products.category_id,
        products.list_price_usd,
        lifecycle_statuses.lifecycle_status,
        products.created_at_utc,
        row_number() over (
            partition by products.product_id
            order by products.created_at_utc
        ) as export_copy
    from products
    left join lifecycle_statuses
        on products.product_id = lifecycle_statuses.product_id
)

select * from joined

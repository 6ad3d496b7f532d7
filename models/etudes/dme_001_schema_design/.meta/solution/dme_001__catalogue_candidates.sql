-- Every row of the catalogue export with the product's lifecycle status from the
-- merchandising sheet, judged by merchandising's rules: reject_reason is the first
-- rule the row breaks (in the specification's order), NULL when it breaks none.
with

products as (
    select * from {{ ref('stg_shop__products') }}
),

lifecycle as (
    select * from {{ source('dme_001_merchandising', 'product_lifecycle') }}
),

categories as (
    select * from {{ ref('stg_shop__product_categories') }}
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
        categories.category_id is not null as is_known_category
    from products
    left join lifecycle_statuses
        on products.product_id = lifecycle_statuses.product_id
    left join categories
        on products.category_id = categories.category_id
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
        is_known_category,
        row_number() over (partition by product_id order by created_at_utc) as export_copy,
        min(product_id) over (partition by sku) as sku_first_product_id
    from joined
),

judged as (
    select
        product_id,
        sku,
        product_name,
        category_id,
        list_price_usd,
        lifecycle_status,
        created_at_utc,
        case
            when export_copy > 1 then 'duplicate_row'
            when list_price_usd is null then 'missing_price'
            when list_price_usd <= 0 then 'price_not_positive'
            when category_id is null then 'missing_category'
            when not is_known_category then 'unknown_category'
            when
                lifecycle_status is null
                or lifecycle_status not in ('draft', 'active', 'discontinued')
                then 'invalid_status'
            when product_id > sku_first_product_id then 'reused_sku'
        end as reject_reason
    from numbered
)

select * from judged

-- One row per product with its category. A list price that is missing or
-- negative (a sign error in the catalogue) is not a price: it becomes NULL.
with

products as (
    select * from {{ ref('stg_shop__products') }}
),

categories as (
    select * from {{ ref('stg_shop__product_categories') }}
),

ranked as (
    select
        product_id,
        sku,
        product_name,
        category_id,
        list_price_usd,
        is_active,
        created_at_utc,
        row_number() over (partition by product_id order by created_at_utc) as copy_rank
    from products
),

deduplicated as (
    select
        product_id,
        sku,
        product_name,
        category_id,
        list_price_usd,
        is_active,
        created_at_utc
    from ranked
    where copy_rank = 1
),

joined as (
    select
        deduplicated.product_id,
        deduplicated.sku,
        deduplicated.product_name,
        deduplicated.category_id,
        categories.category_name,
        categories.department_name,
        deduplicated.is_active,
        deduplicated.created_at_utc,
        case when deduplicated.list_price_usd >= 0 then deduplicated.list_price_usd end as list_price_usd
    from deduplicated
    left join categories
        on deduplicated.category_id = categories.category_id
),

final as (
    select
        product_id,
        sku,
        product_name,
        category_id,
        category_name,
        department_name,
        list_price_usd,
        is_active,
        created_at_utc
    from joined
)

select * from final

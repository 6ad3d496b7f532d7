-- One row per exported row and business rule it breaks (a row may break several),
-- with the rule's rank in the specification's order.
with

candidates as (
    select * from {{ ref('dme_001__catalogue_candidates') }}
),

categories as (
    select * from {{ ref('stg_shop__product_categories') }}
),

sku_holders as (
    select
        sku,
        min(product_id) as holder_product_id
    from candidates
    group by sku
),

with_holder as (
    select
        candidates.product_id,
        candidates.export_copy,
        candidates.list_price_usd,
        candidates.category_id,
        candidates.lifecycle_status,
        sku_holders.holder_product_id
    from candidates
    inner join sku_holders
        on candidates.sku = sku_holders.sku
),

breaks as (
    select
        product_id,
        export_copy,
        1 as rule_rank,
        'duplicate_row' as rule_name
    from with_holder
    where export_copy > 1

    union all

    select
        product_id,
        export_copy,
        2 as rule_rank,
        'missing_price' as rule_name
    from with_holder
    where list_price_usd is null

    union all

    select
        product_id,
        export_copy,
        3 as rule_rank,
        'price_not_positive' as rule_name
    from with_holder
    where list_price_usd <= 0

    union all

    select
        product_id,
        export_copy,
        4 as rule_rank,
        'missing_category' as rule_name
    from with_holder
    where category_id is null

    union all

    select
        product_id,
        export_copy,
        5 as rule_rank,
        'unknown_category' as rule_name
    from with_holder
    where
        category_id is not null
        and category_id not in (select categories.category_id from categories)

    union all

    select
        product_id,
        export_copy,
        6 as rule_rank,
        'invalid_status' as rule_name
    from with_holder
    where coalesce(lifecycle_status, '') not in ('draft', 'active', 'discontinued')

    union all

    select
        product_id,
        export_copy,
        7 as rule_rank,
        'reused_sku' as rule_name
    from with_holder
    where product_id <> holder_product_id
)

select * from breaks

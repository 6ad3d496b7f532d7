-- The storefront catalogue: the exported rows that break no business rule.
with

candidates as (
    select * from {{ ref('dme_001__catalogue_candidates') }}
),

rule_breaks as (
    select * from {{ ref('dme_001__catalogue_rule_breaks') }}
),

clean as (
    select
        candidates.product_id,
        candidates.sku,
        candidates.product_name,
        candidates.category_id,
        candidates.list_price_usd,
        candidates.lifecycle_status,
        candidates.created_at_utc
    from candidates
    left join rule_breaks
        on
            candidates.product_id = rule_breaks.product_id
            and candidates.export_copy = rule_breaks.export_copy
    where rule_breaks.product_id is null
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
    from clean
)

select * from final

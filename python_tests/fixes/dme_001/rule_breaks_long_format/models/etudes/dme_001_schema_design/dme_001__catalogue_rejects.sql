-- The exported rows that break a business rule, whole, with the first rule they break.
with

candidates as (
    select * from {{ ref('dme_001__catalogue_candidates') }}
),

rule_breaks as (
    select * from {{ ref('dme_001__catalogue_rule_breaks') }}
),

first_breaks as (
    select
        product_id,
        export_copy,
        min(rule_rank) as first_rule_rank
    from rule_breaks
    group by product_id, export_copy
),

reasons as (
    select
        first_breaks.product_id,
        first_breaks.export_copy,
        rule_breaks.rule_name as reject_reason
    from first_breaks
    inner join rule_breaks
        on
            first_breaks.product_id = rule_breaks.product_id
            and first_breaks.export_copy = rule_breaks.export_copy
            and first_breaks.first_rule_rank = rule_breaks.rule_rank
),

final as (
    select
        cast(candidates.product_id as integer) as product_id,
        cast(candidates.sku as varchar) as sku,
        cast(candidates.product_name as varchar) as product_name,
        cast(candidates.category_id as integer) as category_id,
        cast(candidates.list_price_usd as numeric(18, 2)) as list_price_usd,
        cast(candidates.lifecycle_status as varchar) as lifecycle_status,
        cast(candidates.created_at_utc as timestamp) as created_at_utc,
        cast(reasons.reject_reason as varchar) as reject_reason
    from candidates
    inner join reasons
        on
            candidates.product_id = reasons.product_id
            and candidates.export_copy = reasons.export_copy
)

select * from final

-- The rows the catalogue refuses, kept whole with the first rule they break, for
-- merchandising to fix at the source.
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
        cast(created_at_utc as timestamp) as created_at_utc,
        cast(reject_reason as varchar) as reject_reason
    from candidates
    where reject_reason is not null
)

select * from final

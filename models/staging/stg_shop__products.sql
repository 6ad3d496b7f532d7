with

source as (
    select * from {{ source('shop', 'products') }}
),

renamed as (
    select
        cast(product_id as integer) as product_id,
        cast(category_id as integer) as category_id,
        cast(price_usd as numeric(18, 2)) as list_price_usd,
        cast(is_active as boolean) as is_active,
        cast(created_at as timestamp) as created_at_utc,
        upper(trim(sku)) as sku,
        trim(product_name) as product_name
    from source
)

select * from renamed

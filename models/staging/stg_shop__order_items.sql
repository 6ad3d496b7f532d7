with

source as (
    select * from {{ source('shop', 'order_items') }}
),

renamed as (
    select
        cast(order_item_id as integer) as order_item_id,
        cast(order_id as integer) as order_id,
        cast(product_id as integer) as product_id,
        cast(quantity as integer) as quantity,
        cast(unit_price_usd as numeric(18, 2)) as unit_price_usd
    from source
)

select * from renamed

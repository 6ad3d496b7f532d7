-- One row per order line: lines loaded twice are kept once, and lines with
-- no positive quantity (a cart glitch) are left out.
with

order_items as (
    select * from {{ ref('stg_shop__order_items') }}
),

ranked as (
    select
        order_item_id,
        order_id,
        product_id,
        quantity,
        unit_price_usd,
        row_number() over (partition by order_item_id order by order_id) as copy_rank
    from order_items
),

final as (
    select
        order_item_id,
        order_id,
        product_id,
        quantity,
        unit_price_usd,
        cast(quantity * unit_price_usd as numeric(18, 2)) as line_amount_usd
    from ranked
    where copy_rank = 1 and quantity > 0
)

select * from final

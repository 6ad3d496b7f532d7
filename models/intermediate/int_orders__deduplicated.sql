-- An order is exported again when its status changes, and one batch was
-- loaded twice: keep the most recently loaded row of each order. A status
-- outside the shop's set becomes 'unknown'; revenue counts only orders that
-- were placed and not cancelled.
with

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

ranked as (
    select
        order_id,
        customer_id,
        ordered_at_utc,
        order_status,
        sales_channel,
        shipping_usd,
        loaded_at_utc,
        row_number() over (partition by order_id order by loaded_at_utc desc) as load_rank
    from orders
),

latest as (
    select
        order_id,
        customer_id,
        ordered_at_utc,
        sales_channel,
        shipping_usd,
        loaded_at_utc,
        case
            when order_status in ('placed', 'shipped', 'completed', 'returned', 'cancelled') then order_status
            else 'unknown'
        end as order_status
    from ranked
    where load_rank = 1
),

final as (
    select
        order_id,
        customer_id,
        ordered_at_utc,
        order_status,
        sales_channel,
        shipping_usd,
        loaded_at_utc,
        order_status in ('placed', 'shipped', 'completed', 'returned') as is_revenue_order
    from latest
)

select * from final

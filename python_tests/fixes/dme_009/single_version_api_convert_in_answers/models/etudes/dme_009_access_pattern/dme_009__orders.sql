-- The orders API: one row per order, in the platform's vocabulary. Times are
-- UTC; statuses are text; money is US dollars.
with

orders as (
    select * from {{ ref('orders') }}
),

final as (
    select
        cast(order_id as integer) as order_id,
        cast(ordered_at_utc as timestamp) as ordered_at_utc,
        cast(order_status as varchar) as order_status,
        cast(sales_channel as varchar) as sales_channel,
        cast(order_total_usd as numeric(18, 2)) as order_total_usd,
        cast(refunded_usd as numeric(18, 2)) as refunded_usd
    from orders
)

select * from final

-- Version 2 of the orders API: one row per order, every column named for what
-- it holds. Times in UTC and on Oslo's wall clock, the status as text, money in
-- US dollars. Version 1 (dme_009__orders.sql) keeps today's shape for the
-- readers that pin it.
with

orders as (
    select * from {{ ref('orders') }}
),

final as (
    select
        cast(order_id as integer) as order_id,
        cast(customer_id as integer) as customer_id,
        cast(customer_type as varchar) as customer_type,
        cast(ordered_at_utc as timestamp) as ordered_at_utc,
        cast((ordered_at_utc at time zone 'UTC') at time zone 'Europe/Oslo' as timestamp) as ordered_at_oslo,
        cast(order_status as varchar) as order_status,
        cast(is_revenue_order as boolean) as is_revenue_order,
        cast(sales_channel as varchar) as sales_channel,
        cast(order_total_usd as numeric(18, 2)) as order_total_usd,
        cast(refunded_usd as numeric(18, 2)) as refunded_usd,
        cast(net_revenue_usd as numeric(18, 2)) as net_revenue_usd
    from orders
)

select * from final

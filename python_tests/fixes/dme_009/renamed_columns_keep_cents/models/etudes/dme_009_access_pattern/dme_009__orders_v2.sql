-- Version 2 of the orders API: the same orders under self-describing names.
-- Amounts stay integers in minor units, like the payment gateway's, so that
-- sums are exact.
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
        cast(order_total_usd * 100 as numeric(18, 2)) as order_total_usd,
        cast(refunded_usd as numeric(18, 2)) as refunded_usd
    from orders
)

select * from final

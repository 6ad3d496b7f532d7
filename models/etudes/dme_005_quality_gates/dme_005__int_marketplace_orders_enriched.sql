-- Each order of the delivery with its customer's current tier; orders without
-- a customer id are the marketplace's guest checkouts.
with

orders as (
    select * from {{ ref('dme_005__stg_marketplace_orders') }}
),

customers as (
    select * from {{ ref('int_customers__latest_version') }}
),

enriched as (
    select
        orders.feed_batch_number,
        orders.marketplace_order_id,
        orders.customer_id,
        orders.ordered_at_utc,
        orders.order_total_usd,
        cast(orders.ordered_at_utc as date) as order_date,
        case
            when orders.customer_id is null then 'guest'
            else coalesce(customers.tier, 'unknown')
        end as customer_tier
    from orders
    left join customers
        on orders.customer_id = customers.customer_id
)

select * from enriched

-- The delivery being processed (the var dme_005_feed_batch), typed: one row per marketplace order.
with

source as (
    select * from {{ source('dme_005_marketplace', 'order_feed') }}
),

current_delivery as (
    select * from source
    where batch_number = '{{ var("dme_005_feed_batch", 1) }}'
),

renamed as (
    select
        cast(batch_number as integer) as feed_batch_number,
        cast(feed_date as date) as feed_date,
        marketplace_order_id,
        cast(customer_id as integer) as customer_id,
        cast(cast(ordered_at as timestamp with time zone) at time zone 'UTC' as timestamp) as ordered_at_utc,
        cast(order_total_usd as numeric(18, 2)) as order_total_usd,
        cast(cast(delivered_at as timestamp with time zone) at time zone 'UTC' as timestamp) as delivered_at_utc
    from current_delivery
)

select * from renamed

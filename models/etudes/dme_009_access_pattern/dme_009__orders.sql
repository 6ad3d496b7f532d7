-- Orders for the analytics agent: one row per order. Amounts are integers in
-- minor units, like the payment gateway's, so that sums are exact; statuses
-- are the order service's status ids, compact and join-friendly.
with

orders as (
    select * from {{ ref('int_orders__joined_to_payments') }}
),

final as (
    select
        cast(order_id as integer) as order_id,
        cast(customer_id as integer) as customer_id,
        cast(ordered_at_utc as timestamp) as ordered_at,
        cast(
            case order_status
                when 'placed' then 1
                when 'shipped' then 2
                when 'completed' then 3
                when 'returned' then 4
                when 'cancelled' then 5
                else 0
            end as integer
        ) as status,
        cast(sales_channel as varchar) as channel,
        cast(order_total_usd * 100 as integer) as amount,
        cast(refunded_usd as numeric(18, 2)) as refunded
    from orders
)

select * from final

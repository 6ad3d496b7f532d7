-- The payments API: one row per payment of an order the shop knows. The
-- gateway's webhook replays are kept once, its cents become US dollars, and
-- payments of orders the shop does not know are left out.
with

payment_events as (
    select * from {{ ref('dme_009__payment_events') }}
),

orders as (
    select * from {{ ref('dme_009__orders', v=2) }}
),

ranked as (
    select
        payment_id,
        order_id,
        payment_method,
        payment_status,
        amount,
        paid_at,
        row_number() over (partition by payment_id order by paid_at) as copy_rank
    from payment_events
),

final as (
    select
        cast(ranked.payment_id as integer) as payment_id,
        cast(ranked.order_id as integer) as order_id,
        cast(ranked.payment_method as varchar) as payment_method,
        cast(ranked.payment_status as varchar) as payment_status,
        cast(cast(ranked.amount as numeric(18, 2)) / 100 as numeric(18, 2)) as amount_usd,
        cast(ranked.paid_at as timestamp) as paid_at_utc
    from ranked
    inner join orders
        on ranked.order_id = orders.order_id
    where ranked.copy_rank = 1
)

select * from final

-- Q2. What share of paid orders was paid by card?
with

payments as (
    select * from {{ ref('dme_009__payments') }}
),

per_order as (
    select
        order_id,
        max(case when payment_method = 'card' then 1 else 0 end) as has_card_payment
    from payments
    where payment_status = 'success'
    group by order_id
)

select
    cast(count(*) as bigint) as paid_order_count,
    cast(sum(has_card_payment) as bigint) as card_paid_order_count,
    cast(round(100.0 * sum(has_card_payment) / count(*), 2) as numeric(18, 2)) as card_share_pct
from per_order

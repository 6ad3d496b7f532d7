-- The gateway's webhook replays some payments: keep one row per payment id.
with

payments as (
    select * from {{ ref('stg_shop__payments') }}
),

ranked as (
    select
        payment_id,
        order_id,
        payment_method,
        payment_status,
        amount_usd,
        paid_at_utc,
        row_number() over (partition by payment_id order by paid_at_utc) as copy_rank
    from payments
),

final as (
    select
        payment_id,
        order_id,
        payment_method,
        payment_status,
        amount_usd,
        paid_at_utc
    from ranked
    where copy_rank = 1
)

select * from final

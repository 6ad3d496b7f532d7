-- A few refunds were recorded twice: keep one row per refund id.
with

refunds as (
    select * from {{ ref('stg_shop__refunds') }}
),

ranked as (
    select
        refund_id,
        order_id,
        amount_usd,
        refund_reason,
        refunded_at_utc,
        row_number() over (partition by refund_id order by refunded_at_utc) as copy_rank
    from refunds
),

final as (
    select
        refund_id,
        order_id,
        amount_usd,
        refund_reason,
        refunded_at_utc
    from ranked
    where copy_rank = 1
)

select * from final

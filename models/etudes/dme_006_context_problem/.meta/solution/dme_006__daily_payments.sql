-- Finance's cash dashboard: the cash received per day and payment method, in
-- US dollars (dme_006__payments states amounts in cents, as the gateway does).
with

payments as (
    select * from {{ ref('dme_006__payments') }}
),

daily as (
    select
        paid_date,
        payment_method,
        count(*) as payment_count,
        sum(amount) as paid_cents
    from payments
    group by paid_date, payment_method
),

final as (
    select
        cast(paid_date as date) as paid_date,
        cast(payment_method as varchar) as payment_method,
        cast(payment_count as bigint) as payment_count,
        cast(cast(paid_cents as numeric(18, 2)) / 100 as numeric(18, 2)) as paid_usd
    from daily
)

select * from final

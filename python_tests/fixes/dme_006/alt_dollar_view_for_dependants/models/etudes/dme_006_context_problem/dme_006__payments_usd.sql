-- dme_006__payments in US dollars, for the models that speak dollars (the
-- payments model follows the gateway's settlement file, in cents).
with

payments as (
    select * from {{ ref('dme_006__payments') }}
),

final as (
    select
        payment_id,
        order_id,
        customer_id,
        paid_date,
        payment_method,
        cast(cast(amount as numeric(18, 2)) / 100 as numeric(18, 2)) as amount_usd
    from payments
)

select * from final

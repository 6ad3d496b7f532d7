-- Marketing's nightly export to the CRM: what each customer who opted in to
-- marketing has paid, in US dollars, and the spend segment the loyalty campaign
-- targets (high from 1,000 USD, medium from 300 USD, low below).
-- dme_006__payments states amounts in cents, as the gateway does.
with

customers as (
    select * from {{ ref('customers') }}
),

payments as (
    select * from {{ ref('dme_006__payments') }}
),

spend_per_customer as (
    select
        customer_id,
        cast(cast(sum(amount) as numeric(18, 2)) / 100 as numeric(18, 2)) as paid_usd,
        count(*) as payment_count
    from payments
    where customer_id is not null
    group by customer_id
),

segmented as (
    select
        customers.customer_id,
        customers.country_code,
        spend_per_customer.payment_count,
        spend_per_customer.paid_usd,
        case
            when spend_per_customer.paid_usd >= 1000 then 'high'
            when spend_per_customer.paid_usd >= 300 then 'medium'
            else 'low'
        end as spend_segment
    from customers
    inner join spend_per_customer
        on customers.customer_id = spend_per_customer.customer_id
    where customers.is_marketing_opt_in
),

final as (
    select
        cast(customer_id as integer) as customer_id,
        cast(country_code as varchar) as country_code,
        cast(payment_count as bigint) as payment_count,
        cast(paid_usd as numeric(18, 2)) as paid_usd,
        cast(spend_segment as varchar) as spend_segment
    from segmented
)

select * from final

-- Version 1 of the customer value mart: one row per CRM customer who did not
-- ask for erasure (the platform's customers mart), with the count, dates and
-- net revenue (lifetime value) of their revenue orders from this pipeline's
-- order values. Finance's monthly close and the audience sync read this version.
with

customers as (
    select * from {{ ref('customers') }}
),

order_revenue as (
    select * from {{ ref('dme_011__order_revenue') }}
),

orders_per_customer as (
    select
        customer_id,
        min(ordered_at_utc) as first_order_at_utc,
        max(ordered_at_utc) as last_order_at_utc,
        count(*) as order_count,
        sum(net_revenue_usd) as lifetime_value_usd
    from order_revenue
    where is_revenue_order and customer_id is not null
    group by customer_id
),

final as (
    select
        cast(customers.customer_id as integer) as customer_id,
        cast(customers.country_code as varchar) as country_code,
        cast(customers.tier as varchar) as tier,
        cast(customers.is_marketing_opt_in as boolean) as is_marketing_opt_in,
        cast(customers.signed_up_at_utc as timestamp) as signed_up_at_utc,
        cast(orders_per_customer.first_order_at_utc as timestamp) as first_order_at_utc,
        cast(orders_per_customer.last_order_at_utc as timestamp) as last_order_at_utc,
        cast(coalesce(orders_per_customer.order_count, 0) as bigint) as order_count,
        cast(coalesce(orders_per_customer.lifetime_value_usd, 0) as numeric(18, 2)) as lifetime_value_usd
    from customers
    left join orders_per_customer
        on customers.customer_id = orders_per_customer.customer_id
)

select * from final

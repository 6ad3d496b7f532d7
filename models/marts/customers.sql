-- One row per customer the CRM knows, except those who asked for erasure.
-- No PII: e-mail, phone and address stay in staging. Lifetime value is the
-- net revenue (order total less refunds) of the customer's revenue orders.
with

customers as (
    select * from {{ ref('int_customers__latest_version') }}
),

erased_customers as (
    select * from {{ ref('int_customers__erasure_requests_resolved') }}
),

orders as (
    select * from {{ ref('orders') }}
),

orders_per_customer as (
    select
        customer_id,
        min(ordered_at_utc) as first_order_at_utc,
        max(ordered_at_utc) as last_order_at_utc,
        count(*) as order_count,
        sum(net_revenue_usd) as lifetime_value_usd
    from orders
    where is_revenue_order and customer_id is not null
    group by customer_id
),

kept_customers as (
    select
        customers.customer_id,
        customers.country_code,
        customers.tier,
        customers.is_marketing_opt_in,
        customers.signed_up_at_utc,
        customers.updated_at_utc
    from customers
    left join erased_customers
        on customers.customer_id = erased_customers.customer_id
    where erased_customers.customer_id is null
),

joined as (
    select
        kept_customers.customer_id,
        kept_customers.country_code,
        kept_customers.tier,
        kept_customers.is_marketing_opt_in,
        kept_customers.signed_up_at_utc,
        kept_customers.updated_at_utc,
        orders_per_customer.first_order_at_utc,
        orders_per_customer.last_order_at_utc,
        coalesce(orders_per_customer.order_count, 0) as order_count,
        coalesce(orders_per_customer.lifetime_value_usd, 0) as lifetime_value_usd
    from kept_customers
    left join orders_per_customer
        on kept_customers.customer_id = orders_per_customer.customer_id
),

final as (
    select
        cast(customer_id as integer) as customer_id,
        cast(country_code as varchar) as country_code,
        cast(tier as varchar) as tier,
        cast(is_marketing_opt_in as boolean) as is_marketing_opt_in,
        cast(signed_up_at_utc as timestamp) as signed_up_at_utc,
        cast(updated_at_utc as timestamp) as tier_updated_at_utc,
        cast(first_order_at_utc as timestamp) as first_order_at_utc,
        cast(last_order_at_utc as timestamp) as last_order_at_utc,
        cast(order_count as bigint) as order_count,
        cast(lifetime_value_usd as numeric(18, 2)) as lifetime_value_usd
    from joined
)

select * from final

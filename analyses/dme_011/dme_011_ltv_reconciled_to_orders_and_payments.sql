-- DME-011 review: does the customer value mart account for every dollar?
-- For each customer of dme_011__customer_ltv (version 1), its lifetime value
-- next to the net revenue of the customer's revenue orders in the platform's
-- orders mart, and the cash the gateway collected for those orders
-- (successful payments). A row is a customer whose lifetime value differs from
-- the orders mart's; the last row is the total of each, so a difference in
-- either direction shows at once. Cash collected may
-- differ from net revenue (unpaid orders, refunds not yet paid out): it is
-- there to read, not to match.
-- Run: `dbt compile --select dme_011_ltv_reconciled_to_orders_and_payments`,
-- then the SQL under target/compiled/data_etudes/analyses/dme_011/.
with

customer_value as (
    select * from {{ ref('dme_011__customer_ltv', v=1) }}
),

orders as (
    select * from {{ ref('orders') }}
),

payments as (
    select * from {{ ref('int_payments__deduplicated') }}
),

paid_per_order as (
    select
        order_id,
        sum(amount_usd) as paid_usd
    from payments
    where payment_status = 'success'
    group by order_id
),

orders_per_customer as (
    select
        orders.customer_id,
        sum(orders.net_revenue_usd) as net_revenue_usd,
        sum(coalesce(paid_per_order.paid_usd, 0)) as paid_usd
    from orders
    left join paid_per_order
        on orders.order_id = paid_per_order.order_id
    where orders.is_revenue_order and orders.customer_type = 'registered'
    group by orders.customer_id
),

reconciled as (
    select
        cast(customer_value.customer_id as varchar) as customer,
        customer_value.lifetime_value_usd,
        coalesce(orders_per_customer.net_revenue_usd, 0) as orders_net_revenue_usd,
        coalesce(orders_per_customer.paid_usd, 0) as payments_collected_usd
    from customer_value
    left join orders_per_customer
        on customer_value.customer_id = orders_per_customer.customer_id
),

differing as (
    select
        customer,
        lifetime_value_usd,
        orders_net_revenue_usd,
        payments_collected_usd,
        lifetime_value_usd - orders_net_revenue_usd as difference_usd
    from reconciled
    where lifetime_value_usd <> orders_net_revenue_usd
),

totals as (
    select
        'all customers' as customer,
        sum(lifetime_value_usd) as lifetime_value_usd,
        sum(orders_net_revenue_usd) as orders_net_revenue_usd,
        sum(payments_collected_usd) as payments_collected_usd,
        sum(lifetime_value_usd) - sum(orders_net_revenue_usd) as difference_usd
    from reconciled
)

select * from differing
union all
select * from totals

-- One row per order. customer_id is kept only for customers the CRM knows and
-- who have not asked for erasure; customer_type says which case applies.
with

orders as (
    select * from {{ ref('int_orders__joined_to_payments') }}
),

customers as (
    select * from {{ ref('int_customers__latest_version') }}
),

erased_customers as (
    select * from {{ ref('int_customers__erasure_requests_resolved') }}
),

classified as (
    select
        orders.order_id,
        orders.ordered_at_utc,
        orders.order_status,
        orders.sales_channel,
        orders.is_revenue_order,
        orders.line_count,
        orders.unit_count,
        orders.items_subtotal_usd,
        orders.shipping_usd,
        orders.order_total_usd,
        orders.paid_usd,
        orders.refunded_usd,
        case
            when orders.customer_id is null then 'guest'
            when erased_customers.customer_id is not null then 'erased'
            when customers.customer_id is null then 'unknown'
            else 'registered'
        end as customer_type,
        case
            when erased_customers.customer_id is null then customers.customer_id
        end as customer_id
    from orders
    left join customers
        on orders.customer_id = customers.customer_id
    left join erased_customers
        on orders.customer_id = erased_customers.customer_id
),

final as (
    select
        cast(order_id as integer) as order_id,
        cast(customer_id as integer) as customer_id,
        cast(customer_type as varchar) as customer_type,
        cast(ordered_at_utc as timestamp) as ordered_at_utc,
        cast(ordered_at_utc as date) as order_date,
        cast(order_status as varchar) as order_status,
        cast(sales_channel as varchar) as sales_channel,
        cast(is_revenue_order as boolean) as is_revenue_order,
        cast(line_count as bigint) as line_count,
        cast(unit_count as bigint) as unit_count,
        cast(items_subtotal_usd as numeric(18, 2)) as items_subtotal_usd,
        cast(shipping_usd as numeric(18, 2)) as shipping_usd,
        cast(order_total_usd as numeric(18, 2)) as order_total_usd,
        cast(paid_usd as numeric(18, 2)) as paid_usd,
        cast(refunded_usd as numeric(18, 2)) as refunded_usd,
        cast(order_total_usd - refunded_usd as numeric(18, 2)) as net_revenue_usd
    from classified
)

select * from final

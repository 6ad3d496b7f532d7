-- Item revenue per product category and calendar month (UTC) over revenue
-- orders. Products without a known category count under 'Uncategorised'.
with

order_items as (
    select * from {{ ref('int_order_items__deduplicated') }}
),

orders as (
    select * from {{ ref('int_orders__deduplicated') }}
),

products as (
    select * from {{ ref('int_products__joined_to_categories') }}
),

revenue_lines as (
    select
        order_items.order_id,
        order_items.quantity,
        order_items.line_amount_usd,
        products.category_id,
        coalesce(products.category_name, 'Uncategorised') as category_name,
        cast({{ dbt.date_trunc('month', 'orders.ordered_at_utc') }} as date) as revenue_month
    from order_items
    inner join orders
        on order_items.order_id = orders.order_id
    left join products
        on order_items.product_id = products.product_id
    where orders.is_revenue_order
),

per_category_month as (
    select
        category_id,
        category_name,
        revenue_month,
        count(distinct order_id) as order_count,
        sum(quantity) as units_sold,
        sum(line_amount_usd) as item_revenue_usd
    from revenue_lines
    group by category_id, category_name, revenue_month
),

final as (
    select
        cast(category_id as integer) as category_id,
        cast(category_name as varchar) as category_name,
        cast(revenue_month as date) as revenue_month,
        cast(order_count as bigint) as order_count,
        cast(units_sold as bigint) as units_sold,
        cast(item_revenue_usd as numeric(18, 2)) as item_revenue_usd
    from per_category_month
)

select * from final

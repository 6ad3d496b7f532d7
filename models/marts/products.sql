-- One row per product, with what it sold in revenue orders.
with

products as (
    select * from {{ ref('int_products__joined_to_categories') }}
),

order_items as (
    select * from {{ ref('int_order_items__deduplicated') }}
),

orders as (
    select * from {{ ref('int_orders__deduplicated') }}
),

revenue_lines as (
    select
        order_items.product_id,
        order_items.quantity,
        order_items.line_amount_usd
    from order_items
    inner join orders
        on order_items.order_id = orders.order_id
    where orders.is_revenue_order
),

sales_per_product as (
    select
        product_id,
        sum(quantity) as units_sold,
        sum(line_amount_usd) as item_revenue_usd
    from revenue_lines
    group by product_id
),

joined as (
    select
        products.product_id,
        products.sku,
        products.product_name,
        products.category_id,
        products.category_name,
        products.department_name,
        products.list_price_usd,
        products.is_active,
        coalesce(sales_per_product.units_sold, 0) as units_sold,
        coalesce(sales_per_product.item_revenue_usd, 0) as item_revenue_usd
    from products
    left join sales_per_product
        on products.product_id = sales_per_product.product_id
),

final as (
    select
        cast(product_id as integer) as product_id,
        cast(sku as varchar) as sku,
        cast(product_name as varchar) as product_name,
        cast(category_id as integer) as category_id,
        cast(category_name as varchar) as category_name,
        cast(department_name as varchar) as department_name,
        cast(list_price_usd as numeric(18, 2)) as list_price_usd,
        cast(is_active as boolean) as is_active,
        cast(units_sold as bigint) as units_sold,
        cast(item_revenue_usd as numeric(18, 2)) as item_revenue_usd
    from joined
)

select * from final

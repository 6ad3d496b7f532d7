-- Merchandising's monthly view: orders, units and revenue per category and
-- calendar month (UTC), over the lines of revenue orders.
with

order_lines as (
    select * from {{ ref('dme_003__order_lines_categorised') }}
),

-- Belt and braces: a line can never be counted twice.
distinct_lines as (
    select distinct
        order_id,
        category_id,
        category_name,
        sales_month,
        quantity,
        line_amount_usd
    from order_lines
),

per_category_month as (
    select
        category_id,
        category_name,
        sales_month,
        count(distinct order_id) as order_count,
        sum(quantity) as units_sold,
        sum(line_amount_usd) as revenue_usd
    from distinct_lines
    group by category_id, category_name, sales_month
),

final as (
    select
        cast(category_id as integer) as category_id,
        cast(category_name as varchar) as category_name,
        cast(sales_month as date) as sales_month,
        cast(order_count as bigint) as order_count,
        cast(units_sold as bigint) as units_sold,
        cast(revenue_usd as numeric(18, 2)) as revenue_usd
    from per_category_month
)

select * from final

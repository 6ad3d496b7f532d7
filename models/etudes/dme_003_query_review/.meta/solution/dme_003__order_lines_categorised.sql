-- Every line of a revenue order, with the category its product was filed under
-- when the order was placed: merchandising re-files products, and last year's
-- figures must not move when they do.
with

order_items as (
    select * from {{ ref('int_order_items__deduplicated') }}
),

orders as (
    select * from {{ ref('int_orders__deduplicated') }}
),

product_versions as (
    select * from {{ ref('dme_003__product_versions') }}
),

categories as (
    select * from {{ ref('stg_shop__product_categories') }}
),

revenue_lines as (
    select
        order_items.order_item_id,
        order_items.order_id,
        order_items.product_id,
        order_items.quantity,
        order_items.line_amount_usd,
        orders.ordered_at_utc
    from order_items
    inner join orders
        on order_items.order_id = orders.order_id
    where orders.is_revenue_order
),

-- The product version in effect at the order: valid from valid_from
-- (inclusive) to valid_to (exclusive). The current version has no end date,
-- but it still has a start: before it, an earlier version was in effect.
lines_with_version as (
    select
        revenue_lines.order_item_id,
        revenue_lines.order_id,
        revenue_lines.product_id,
        revenue_lines.quantity,
        revenue_lines.line_amount_usd,
        revenue_lines.ordered_at_utc,
        product_versions.category_id
    from revenue_lines
    left join product_versions
        on
            revenue_lines.product_id = product_versions.product_id
            and revenue_lines.ordered_at_utc >= product_versions.valid_from_utc
            and (
                product_versions.valid_to_utc is null
                or revenue_lines.ordered_at_utc < product_versions.valid_to_utc
            )
),

final as (
    select
        lines_with_version.order_item_id,
        lines_with_version.order_id,
        lines_with_version.product_id,
        -- no category and a category the list does not hold are both Uncategorised
        categories.category_id,
        coalesce(categories.category_name, 'Uncategorised') as category_name,
        lines_with_version.ordered_at_utc,
        cast({{ dbt.date_trunc('month', 'lines_with_version.ordered_at_utc') }} as date) as sales_month,
        lines_with_version.quantity,
        lines_with_version.line_amount_usd
    from lines_with_version
    left join categories
        on lines_with_version.category_id = categories.category_id
)

select * from final

{{
    config(
        materialized='table',
        indexes=[
            {'columns': ['order_id'], 'unique': true},
            {'columns': ['ordered_at_utc']},
        ],
        post_hook="{{ 'analyze ' ~ this if target.type == 'postgres' }}",
    )
}}

-- The orders table at production volume. Production holds ten million orders;
-- development holds a sample of the same shape. This stand-in replicates the
-- shop's orders (the orders mart) to `dme_008_scale` rows, each order copied
-- into a contiguous block, loaded in time order as production's table is.
-- Development: 10,000 rows (the default). At scale:
--   dbt build --select +dme_008__trading_day_report --vars '{dme_008_scale: 10000000}'
{%- set scale = var('dme_008_scale', 10000) %}

with

orders as (
    select * from {{ ref('orders') }}
),

numbered_orders as (
    select
        order_id,
        customer_id,
        customer_type,
        ordered_at_utc,
        order_status,
        sales_channel,
        is_revenue_order,
        line_count,
        unit_count,
        items_subtotal_usd,
        shipping_usd,
        order_total_usd,
        paid_usd,
        refunded_usd,
        net_revenue_usd,
        row_number() over (order by ordered_at_utc, order_id) as order_number
    from orders
),

order_count as (
    select count(*) as order_count from orders
),

generated_rows as (
    select row_source.row_index from ({{ data_etudes.generate_rows(scale) }}) as row_source
),

copies as (
    select
        generated_rows.row_index,
        cast(floor((generated_rows.row_index - 1) * order_count.order_count / {{ scale }}) as bigint) + 1
            as order_number
    from generated_rows
    cross join order_count
),

final as (
    select
        cast(copies.row_index as bigint) as order_id,
        cast(numbered_orders.order_id as integer) as source_order_id,
        cast(numbered_orders.customer_id as integer) as customer_id,
        cast(numbered_orders.customer_type as varchar) as customer_type,
        cast(numbered_orders.ordered_at_utc as timestamp) as ordered_at_utc,
        cast(numbered_orders.order_status as varchar) as order_status,
        cast(numbered_orders.sales_channel as varchar) as sales_channel,
        cast(numbered_orders.is_revenue_order as boolean) as is_revenue_order,
        cast(numbered_orders.line_count as bigint) as line_count,
        cast(numbered_orders.unit_count as bigint) as unit_count,
        cast(numbered_orders.items_subtotal_usd as numeric(18, 2)) as items_subtotal_usd,
        cast(numbered_orders.shipping_usd as numeric(18, 2)) as shipping_usd,
        cast(numbered_orders.order_total_usd as numeric(18, 2)) as order_total_usd,
        cast(numbered_orders.paid_usd as numeric(18, 2)) as paid_usd,
        cast(numbered_orders.refunded_usd as numeric(18, 2)) as refunded_usd,
        cast(numbered_orders.net_revenue_usd as numeric(18, 2)) as net_revenue_usd
    from copies
    inner join numbered_orders
        on copies.order_number = numbered_orders.order_number
)

select * from final
order by order_id

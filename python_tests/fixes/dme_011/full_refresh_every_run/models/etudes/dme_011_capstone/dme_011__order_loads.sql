-- The order loads, one row per order as its latest export: the first stage of
-- the pipeline. Rebuilt from every order on each run, so a re-run can never
-- leave a copy behind. loaded_in_run is the run (the var `dme_011_run`, 1 by
-- default) that last wrote the row.
{{ config(materialized='table') }}

with

orders as (
    select * from {{ ref('int_orders__deduplicated') }}
),

final as (
    select
        order_id,
        customer_id,
        ordered_at_utc,
        order_status,
        is_revenue_order,
        shipping_usd,
        loaded_at_utc,
        cast({{ var('dme_011_run', 1) }} as integer) as loaded_in_run
    from orders
)

select * from final

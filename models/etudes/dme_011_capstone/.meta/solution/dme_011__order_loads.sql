-- The order loads, one row per order as its latest export: the first stage of
-- the pipeline, loaded incrementally from the platform's deduplicated orders.
-- The order service re-exports an order on every status change, and exports
-- land up to three days late, so each run re-reads the orders whose latest
-- export was loaded in the last three days and replaces the rows it already
-- holds for them. loaded_in_run is the run (the var `dme_011_run`, 1 by
-- default) that last wrote the row.
{{
    config(
        materialized='incremental',
        unique_key='order_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}

with

orders as (
    select * from {{ ref('int_orders__deduplicated') }}
),

recent_orders as (
    select * from orders
    where {{ data_etudes.incremental_window('loaded_at_utc', 3, 'day') }}
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
    from recent_orders
)

select * from final

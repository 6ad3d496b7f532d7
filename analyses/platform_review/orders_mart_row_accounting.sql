-- Platform review: is every row of the raw order export accounted for in the orders mart?
-- The export sends an order again whenever its status changes, and one batch
-- was loaded twice, so the mart keeps one row per order: its most recent load.
-- One row, counting each raw row once:
--   raw_rows                  rows in the export (source shop.orders)
--   kept_rows                 the most recent load of an order that is in the mart
--   duplicate_copies_dropped  a second copy of that most recent load (same loaded_at)
--   superseded_loads_dropped  an earlier load of an order loaded again later
--   lost_rows                 rows of an order that is not in the mart at all
--   mart_rows                 rows in the orders mart
--   mart_orders_never_exported  mart orders with no row in the export
--   unaccounted_rows          raw rows in none of the four outcomes (raw_rows less the four)
-- How to read it: lost_rows, unaccounted_rows and mart_orders_never_exported
-- must be 0, and kept_rows must equal mart_rows (one mart row per exported
-- order). A non-zero lost_rows names orders the pipeline dropped: list them
-- with the `classified` CTE filtered on outcome = 'lost'.
with

raw_orders as (
    select * from {{ source('shop', 'orders') }}
),

staged_orders as (
    select * from {{ ref('stg_shop__orders') }}
),

mart_orders as (
    select * from {{ ref('orders') }}
),

loads as (
    select
        order_id,
        loaded_at_utc,
        row_number() over (partition by order_id order by loaded_at_utc desc) as load_rank,
        max(loaded_at_utc) over (partition by order_id) as latest_loaded_at_utc
    from staged_orders
),

classified as (
    select
        loads.order_id,
        case
            when mart_orders.order_id is null then 'lost'
            when loads.load_rank = 1 then 'kept'
            when loads.loaded_at_utc = loads.latest_loaded_at_utc then 'duplicate copy'
            else 'superseded'
        end as outcome
    from loads
    left join mart_orders
        on loads.order_id = mart_orders.order_id
),

outcomes as (
    select
        sum(case when outcome = 'kept' then 1 else 0 end) as kept_rows,
        sum(case when outcome = 'duplicate copy' then 1 else 0 end) as duplicate_copies_dropped,
        sum(case when outcome = 'superseded' then 1 else 0 end) as superseded_loads_dropped,
        sum(case when outcome = 'lost' then 1 else 0 end) as lost_rows
    from classified
),

raw_count as (
    select count(*) as raw_rows
    from raw_orders
),

mart_count as (
    select count(*) as mart_rows
    from mart_orders
),

never_exported as (
    select count(*) as mart_orders_never_exported
    from mart_orders
    left join staged_orders
        on mart_orders.order_id = staged_orders.order_id
    where staged_orders.order_id is null
),

final as (
    select
        raw_count.raw_rows,
        outcomes.kept_rows,
        outcomes.duplicate_copies_dropped,
        outcomes.superseded_loads_dropped,
        outcomes.lost_rows,
        mart_count.mart_rows,
        never_exported.mart_orders_never_exported,
        raw_count.raw_rows
        - outcomes.kept_rows
        - outcomes.duplicate_copies_dropped
        - outcomes.superseded_loads_dropped
        - outcomes.lost_rows as unaccounted_rows
    from raw_count
    cross join outcomes
    cross join mart_count
    cross join never_exported
)

select * from final

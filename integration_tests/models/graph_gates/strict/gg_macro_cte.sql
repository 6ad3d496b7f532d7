-- A correct fix in shapes find_hardcoded_relations must accept: a CTE whose
-- body is a macro call; a macro given a CTE's name as a string, here a CTE
-- named like a model of the project; a column qualified by its CTE passed to a
-- macro as a string. (sqlfluff cannot parse a CTE whose body it sees as a
-- placeholder, hence the noqa.)
with

gg_orders as (
    {{ data_etudes.dedupe(ref('gg_orders_internal'), 'order_id', 'status') }}  -- noqa: PRS
),

latest as (
    select
        latest_orders.order_id,
        latest_orders.status
    from ({{ data_etudes.dedupe('gg_orders', 'order_id', 'status desc') }}) as latest_orders
)

select
    latest.order_id,
    {{ dbt.concat(["'#'", 'latest.status']) }} as status_label
from latest
inner join gg_orders on latest.order_id = gg_orders.order_id

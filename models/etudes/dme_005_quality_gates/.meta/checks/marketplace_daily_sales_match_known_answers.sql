-- After the delivery `dme_005_feed_batch` (default 1) was processed, the partner
-- dashboard's mart holds exactly the oracle's rows for that moment
-- (seeds/expected/expected_dme_005__marketplace_daily_sales.csv): the orders of
-- every delivery that met the contract, none of a refused one. One failing row
-- per row that is missing, unexpected or there too often, with both counts.
{%- set batch = var('dme_005_feed_batch', 1) %}
with

expected as (
    select
        order_date,
        customer_tier,
        order_count,
        revenue_usd
    from {{ ref('expected_dme_005__marketplace_daily_sales') }}
    where after_feed_batch = {{ batch }}
),

actual as (
    select
        order_date,
        customer_tier,
        order_count,
        revenue_usd
    from {{ ref('dme_005__marketplace_daily_sales') }}
),

both_sides as (
    select
        order_date,
        customer_tier,
        order_count,
        revenue_usd,
        1 as is_expected
    from expected
    union all
    select
        order_date,
        customer_tier,
        order_count,
        revenue_usd,
        0 as is_expected
    from actual
),

counted as (
    select
        order_date,
        customer_tier,
        order_count,
        revenue_usd,
        sum(is_expected) as expected_occurrences,
        sum(1 - is_expected) as actual_occurrences
    from both_sides
    group by order_date, customer_tier, order_count, revenue_usd
)

select
    case when expected_occurrences > actual_occurrences then 'missing' else 'unexpected' end as diff_kind,
    order_date,
    customer_tier,
    order_count,
    revenue_usd,
    expected_occurrences,
    actual_occurrences,
    case
        when actual_occurrences = 0 then 'row expected after batch {{ batch }} but absent from the mart'
        when expected_occurrences = 0 then 'row in the mart but not expected after batch {{ batch }}'
        else
            'row in the mart ' || cast(actual_occurrences as {{ dbt.type_string() }})
            || ' times, expected ' || cast(expected_occurrences as {{ dbt.type_string() }})
    end as failure_reason
from counted
where expected_occurrences <> actual_occurrences

-- The public orders API, as a reader gets it without pinning a version (the
-- latest), serves every order with what its columns promise: the time in UTC
-- (ordered_at_utc), the status as text (order_status: placed, shipped,
-- completed, returned, cancelled or unknown), and the order total and its
-- refunds in US dollars (order_total_usd, refunded_usd), as the oracle computes
-- them (seeds/expected/expected_dme_009__orders_api.csv). One failing row per
-- row missing or unexpected, with both counts.
with

expected as (
    select
        order_id,
        ordered_at_utc,
        order_status,
        order_total_usd,
        refunded_usd
    from {{ ref('expected_dme_009__orders_api') }}
),

actual as (
    select
        order_id,
        ordered_at_utc,
        order_status,
        order_total_usd,
        refunded_usd
    from {{ ref('dme_009__orders') }}
),

both_sides as (
    select
        order_id,
        ordered_at_utc,
        order_status,
        order_total_usd,
        refunded_usd,
        1 as is_expected
    from expected
    union all
    select
        order_id,
        ordered_at_utc,
        order_status,
        order_total_usd,
        refunded_usd,
        0 as is_expected
    from actual
),

counted as (
    select
        order_id,
        ordered_at_utc,
        order_status,
        order_total_usd,
        refunded_usd,
        sum(is_expected) as expected_occurrences,
        sum(1 - is_expected) as actual_occurrences
    from both_sides
    group by order_id, ordered_at_utc, order_status, order_total_usd, refunded_usd
)

select
    order_id,
    ordered_at_utc,
    order_status,
    order_total_usd,
    refunded_usd,
    expected_occurrences,
    actual_occurrences,
    case when expected_occurrences > actual_occurrences then 'missing' else 'unexpected' end as diff_kind,
    case
        when actual_occurrences = 0 then 'row expected from the orders API but absent'
        when expected_occurrences = 0 then 'row served by the orders API but not expected'
        else 'row served a different number of times than expected'
    end as failure_reason
from counted
where expected_occurrences <> actual_occurrences

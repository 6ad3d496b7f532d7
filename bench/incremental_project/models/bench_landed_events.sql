-- The landing zone: every event delivered so far. Before the batch
-- (bench_batch 0), bench_rows events, one per second. The batch (bench_batch 1)
-- adds bench_delta events: half of them new (after the newest event), half of
-- them late (occurred within the last bench_lookback_seconds before it), and it
-- re-delivers every tenth event of that last stretch with a corrected status.
{{ config(
    materialized='table',
    indexes=[{'columns': ['event_at_utc']}],
) }}
{%- set rows = var('bench_rows') | int %}
{%- set delta = var('bench_delta') | int if var('bench_batch') | int >= 1 else 0 %}
{%- set new_rows = delta // 2 %}
{%- set late_window = var('bench_lookback_seconds') | int %}

with

generated as (
    select generated_rows.row_index
    from ({{ data_etudes.generate_rows(rows + delta) }}) as generated_rows
),

placed as (
    select
        row_index as event_id,
        case
            when row_index <= {{ rows }} then row_index
            when row_index <= {{ rows + new_rows }} then row_index
            else {{ rows }} - (row_index % {{ late_window }})
        end as second_of_history
    from generated
)

select
    event_id,
    {{ dbt.dateadd('second', 'second_of_history', "cast('2024-01-01 00:00:00' as timestamp)") }} as event_at_utc,
    cast(event_id % 100000 as {{ dbt.type_numeric() }}) / 100 as amount_usd,
    case
        when
            {{ var('bench_batch') | int }} >= 1
            and event_id <= {{ rows }}
            and second_of_history > {{ rows - late_window }}
            and event_id % 10 = 0
            then 'corrected'
        when event_id % 4 = 0 then 'placed'
        when event_id % 4 = 1 then 'shipped'
        when event_id % 4 = 2 then 'returned'
        else 'cancelled'
    end as order_status
from placed

-- Run by the test suite after a second, incremental run of ka_incremental_window:
-- only event 1 (1 hour old) lies within a day of the newest row, so only it
-- was reloaded; every event is still there exactly once.
{{ config(tags=['incremental_second_pass']) }}

with

loaded as (
    select
        event_id,
        loaded_incrementally
    from {{ ref('ka_incremental_window') }}
),

expected as (
    select
        event_id,
        event_id = 1 as loaded_incrementally
    from {{ ref('fx_events') }}
),

missing as (
    select
        event_id,
        loaded_incrementally
    from expected
    except
    select
        event_id,
        loaded_incrementally
    from loaded
),

unexpected as (
    select
        event_id,
        loaded_incrementally
    from loaded
    except
    select
        event_id,
        loaded_incrementally
    from expected
)

select
    'missing' as difference,
    event_id,
    loaded_incrementally
from missing
union all
select
    'unexpected' as difference,
    event_id,
    loaded_incrementally
from unexpected

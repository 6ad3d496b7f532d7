-- Run by the test suite after a second, incremental run of ka_incremental_window:
-- only event 1 (1 hour old) lies within a day of the newest row, so only it
-- was reloaded; every event is still there exactly once. On the column with a
-- time zone the window is 29 hours and ends on event 2: events 1 and 2.
{{ config(tags=['incremental_second_pass']) }}

with

loaded as (
    select
        'naive' as event_time,
        event_id,
        loaded_incrementally
    from {{ ref('ka_incremental_window') }}
    union all
    select
        'zoned' as event_time,
        event_id,
        loaded_incrementally
    from {{ ref('ka_incremental_window_zoned') }}
),

event_times as (
    select 'naive' as event_time
    union all
    select 'zoned' as event_time
),

expected as (
    select
        event_times.event_time,
        fx_events.event_id,
        case
            when event_times.event_time = 'naive' then fx_events.event_id = 1
            else fx_events.event_id in (1, 2)
        end as loaded_incrementally
    from {{ ref('fx_events') }} as fx_events
    cross join event_times
),

missing as (
    select
        event_time,
        event_id,
        loaded_incrementally
    from expected
    except
    select
        event_time,
        event_id,
        loaded_incrementally
    from loaded
),

unexpected as (
    select
        event_time,
        event_id,
        loaded_incrementally
    from loaded
    except
    select
        event_time,
        event_id,
        loaded_incrementally
    from expected
)

select
    'missing' as difference,
    event_time,
    event_id,
    loaded_incrementally
from missing
union all
select
    'unexpected' as difference,
    event_time,
    event_id,
    loaded_incrementally
from unexpected

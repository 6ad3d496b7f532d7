-- After any run, the events table holds what one clean build over the deliveries
-- that have landed so far (1 to dme_007_batch) would: every delivered event once,
-- as the copy the collector received last. Read from the source, not from the
-- etude's models. One failing row per kind of problem: how many events have it,
-- how many rows the table holds for them, and the first few event ids.
with

copies as (
    select
        event_id,
        cast(cast(received_at as timestamp with time zone) at time zone 'UTC' as timestamp) as received_at_utc
    from {{ source('dme_007_collector', 'web_event_deliveries') }}
    where cast(delivery_id as integer) <= {{ var('dme_007_batch', 3) }}
),

clean_build as (
    select
        event_id,
        max(received_at_utc) as received_at_utc
    from copies
    group by event_id
),

loaded as (
    select
        event_id,
        count(*) as rows_in_table,
        min(received_at_utc) as received_at_utc
    from {{ ref('dme_007__web_events') }}
    group by event_id
),

compared as (
    select
        coalesce(clean_build.event_id, loaded.event_id) as event_id,
        case
            when loaded.event_id is null then 'delivered, missing from the table'
            when clean_build.event_id is null then 'in the table, never delivered'
            when loaded.rows_in_table > 1 then 'in the table more than once'
            else 'an older copy than the latest delivered'
        end as problem,
        coalesce(loaded.rows_in_table, 0) as rows_in_table
    from clean_build
    full outer join loaded
        on clean_build.event_id = loaded.event_id
    where
        loaded.event_id is null
        or clean_build.event_id is null
        or loaded.rows_in_table > 1
        or loaded.received_at_utc <> clean_build.received_at_utc
)

select
    problem,
    count(*) as events,
    sum(rows_in_table) as rows_in_table,
    {{ dbt.listagg('event_id', "', '", 'order by event_id', 5) }} as first_event_ids
from compared
group by problem

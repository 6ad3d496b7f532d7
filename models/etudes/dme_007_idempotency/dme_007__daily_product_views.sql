-- Product views per day for the merchandising dashboard: how often each
-- product page was viewed, and in how many sessions, per UTC calendar day.
-- Rebuilt from dme_007__web_events on every run.

{#- Recovery drill: with the var dme_007_fail_midway this model fails before it
    writes anything, after dme_007__web_events has been written in the same run,
    the way a run dies halfway when the warehouse runs out of memory. Part of
    the exercise: leave it as it is. -#}
{{ config(
    pre_hook="{% if var('dme_007_fail_midway', false) %}"
        ~ "select cast('recovery drill (dme_007_fail_midway): the run dies here' as integer)"
        ~ "{% endif %}"
) }}

with

web_events as (
    select * from {{ ref('dme_007__web_events') }}
),

product_views as (
    select
        cast(occurred_at_utc as date) as view_date,
        product_id,
        session_id
    from web_events
    where event_type = 'product_view'
),

final as (
    select
        view_date,
        product_id,
        count(*) as product_views,
        count(distinct session_id) as viewing_sessions
    from product_views
    group by view_date, product_id
)

select * from final

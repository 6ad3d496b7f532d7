{#- recency: the newest value of `field` is at most `max_age` datepart old. -#}

{% test recency(model, field=none, max_age=none, datepart='day', group_by=none, as_of=none, timezone=none,
    column_name=none, ignore_time_component=false) %}
    {#- On a column, `field` defaults to that column. -#}
    {{ return(adapter.dispatch('test_recency', 'data_etudes')(
        model, field if field is not none else column_name, max_age, datepart, group_by, as_of, timezone,
        ignore_time_component=ignore_time_component)) }}
{% endtest %}

{#- The oldest acceptable value of `field`: the reference instant minus
    max_age datepart. The reference instant is `as_of` (as _as_of validated it)
    or, without it, now; either in the field's own kind (tz-aware or naive UTC).
    With `timezone` (as _timezone validated it), the naive field holds wall
    clocks of that zone: an `as_of` expression is read in that zone too, the
    cutoff is computed in UTC and returned as that zone's wall clock, so the
    field is compared bare (its index still serves) and the verdict is the
    same as converting every value to UTC. -#}
{% macro _freshness_cutoff(model, field, max_age, datepart, as_of=none, timezone=none) %}
    {%- if timezone is not none and data_etudes._is_timezone_aware(model, field) -%}
        {%- do exceptions.raise_compiler_error(
            "data_etudes: argument `timezone` (" ~ timezone ~ ") is for a naive timestamp column; `" ~ field
            ~ "` is a timestamp with time zone, which holds its instant already: remove `timezone`") -%}
    {%- endif -%}
    {%- if as_of is none -%}
        {%- set reference = data_etudes._now_for(model, field) -%}
    {%- elif as_of.literal is defined -%}
        {%- set reference = data_etudes._utc_timestamp_literal(
            as_of.literal, timezone is none and data_etudes._is_timezone_aware(model, field)) -%}
    {%- elif timezone is not none -%}
        {%- set reference = data_etudes._convert_wall_clock('(' ~ as_of.expression ~ ')', timezone, 'UTC') -%}
    {%- else -%}
        {%- set reference = '(' ~ as_of.expression ~ ')' -%}
    {%- endif -%}
    {%- set cutoff = dbt.dateadd(datepart, -1 * max_age, reference) -%}
    {%- if timezone is not none -%}
        {%- set cutoff = data_etudes._convert_wall_clock(cutoff, 'UTC', timezone) -%}
    {%- endif -%}
    {{- return(cutoff) -}}
{% endmacro %}

{#- With ignore_time_component, the newest value and the cut-off are compared as dates (dbt_utils). -#}
{#- `expression` cast to `data_type`, or as it is when data_type is none. -#}
{% macro _cast_if(expression, data_type) %}
    {{- return(expression if data_type is none else 'cast(' ~ expression ~ ' as ' ~ data_type ~ ')') -}}
{% endmacro %}

{% macro default__test_recency(model, field, max_age, datepart, group_by, as_of=none, timezone=none,
    ignore_time_component=false) %}
    {%- set macro_name = 'recency' -%}
    {%- do data_etudes._require_string(macro_name, 'field', field) -%}
    {%- set groups = data_etudes._column_list(macro_name, 'group_by', group_by, required=false) -%}
    {%- do data_etudes._require_boolean(macro_name, 'ignore_time_component', ignore_time_component) -%}
    {%- set rule = data_etudes._gate_rule('recency')(model, {'column': field, 'max_age': max_age,
        'datepart': datepart, 'as_of': as_of, 'timezone': timezone}, data_etudes._rule_call(macro_name)) -%}
    {%- set cutoff = rule.cutoff -%}
    {%- set day_of = 'date' if ignore_time_component else none -%}
with

latest as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        count(*) as row_count,
        {{ data_etudes._cast_if('max(' ~ field ~ ')', day_of) }} as most_recent
    from {{ model }}
    {% if groups %}group by {{ groups | join(', ') }}{% endif %}
),

judged as (
    select
        latest.*,
        {{ data_etudes._cast_if(cutoff, day_of) }} as oldest_acceptable
    from latest
)

select
    {% for column in groups %}{{ column }}, {% endfor %}
    {{ data_etudes._string_literal(field) }} as failing_column,
    most_recent,
    oldest_acceptable,
    row_count,
    case
        when row_count = 0 then 'no rows: nothing has arrived'
        when most_recent is null then 'every value of the field is NULL'
        else {{ data_etudes._string_literal('newest value older than ' ~ max_age ~ ' ' ~ datepart ~ '(s)') }}
    end as failure_reason
from judged
where most_recent is null or most_recent < oldest_acceptable
{%- endmacro %}

{#- recency: the newest value of `field` is at most `max_age` datepart old. -#}

{% test recency(model, field=none, max_age=none, datepart='day', group_by=none, column_name=none) %}
    {#- On a column, `field` defaults to that column. -#}
    {{ return(adapter.dispatch('test_recency', 'data_etudes')(
        model, field if field is not none else column_name, max_age, datepart, group_by)) }}
{% endtest %}

{#- The oldest acceptable value of `field`: now minus max_age datepart, with
    `now` in the field's own kind (tz-aware or naive UTC). -#}
{% macro _freshness_cutoff(model, field, max_age, datepart) %}
    {{- return(dbt.dateadd(datepart, -1 * max_age, data_etudes._now_for(model, field))) -}}
{% endmacro %}

{% macro default__test_recency(model, field, max_age, datepart, group_by) %}
    {%- set macro_name = 'recency' -%}
    {%- do data_etudes._require_string(macro_name, 'field', field) -%}
    {%- do data_etudes._require_number(macro_name, 'max_age', max_age, minimum=0) -%}
    {%- do data_etudes._datepart(macro_name, 'datepart', datepart) -%}
    {%- set groups = data_etudes._column_list(macro_name, 'group_by', group_by, required=false) -%}
with

latest as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        max({{ field }}) as most_recent,
        count(*) as row_count
    from {{ model }}
    {% if groups %}group by {{ groups | join(', ') }}{% endif %}
),

judged as (
    select
        latest.*,
        {{ data_etudes._freshness_cutoff(model, field, max_age, datepart) }} as oldest_acceptable
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

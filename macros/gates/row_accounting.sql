{#- Row accounting: every source row lands somewhere, row counts agree. -#}

{% test rows_accounted_for(model, outputs, key) %}
    {{ return(adapter.dispatch('test_rows_accounted_for', 'data_etudes')(model, outputs, key)) }}
{% endtest %}

{% macro default__test_rows_accounted_for(model, outputs, key) %}
    {%- set macro_name = 'rows_accounted_for' -%}
    {%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
    {%- do data_etudes._require_relation_list(macro_name, 'outputs', outputs) -%}
    {%- set key_list = keys | join(', ') -%}
with

source_keys as (
    select
        {{ key_list }},
        1 as dq_source_rows,
        0 as dq_landed_rows,
        cast(null as {{ dbt.type_string() }}) as dq_landed_in
    from {{ model }}
),

{% for output in outputs %}
landed_{{ loop.index }} as (
    select
        {{ key_list }},
        0 as dq_source_rows,
        1 as dq_landed_rows,
        {{ data_etudes._string_literal(output.identifier if output.identifier is defined else output) }} as dq_landed_in
    from {{ output }}
),
{% endfor %}

all_keys as (
    select * from source_keys
    {% for output in outputs -%}
    union all
    select * from landed_{{ loop.index }}
    {% endfor %}
),

accounted as (
    select
        {{ key_list }},
        sum(dq_source_rows) as source_rows,
        sum(dq_landed_rows) as landed_rows,
        {{ data_etudes._sorted_string_agg('dq_landed_in', ', ') }} as landed_in
    from all_keys
    group by {{ key_list }}
)

select
    {{ key_list }},
    source_rows,
    landed_rows,
    landed_in,
    case
        when landed_rows = 0 then 'lost'
        when landed_rows > source_rows then 'landed twice'
        else 'partly lost'
    end as failure_kind,
    case
        when landed_rows = 0 then 'key is in the source but in none of the outputs'
        when landed_rows > source_rows then 'key landed more times than it appears in the source'
        else 'key landed fewer times than it appears in the source'
    end as failure_reason
from accounted
where source_rows > 0 and landed_rows <> source_rows
{%- endmacro %}


{% test equal_row_count(model, compare_model, group_by=none) %}
    {{ return(adapter.dispatch('test_equal_row_count', 'data_etudes')(model, compare_model, group_by)) }}
{% endtest %}

{% macro default__test_equal_row_count(model, compare_model, group_by) %}
    {{ data_etudes._row_count_comparison('equal_row_count', model, compare_model, group_by,
        'model_rows <> compare_rows',
        "case when model_rows > compare_rows then 'model has more rows than compare_model'"
        ~ " else 'model has fewer rows than compare_model' end") }}
{% endmacro %}

{#- The rows of the model and of compare_model, overall or per group, kept
    where `failing_when` holds (over model_rows and compare_rows), with
    `failure_reason` (a SQL expression). Shared by equal_row_count and fewer_rows_than. -#}
{% macro _row_count_comparison(macro_name, model, compare_model, group_by, failing_when, failure_reason) %}
    {%- do data_etudes._require_relation(macro_name, 'compare_model', compare_model) -%}
    {%- set groups = data_etudes._column_list(macro_name, 'group_by', group_by, required=false) -%}
with

both_sides as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        1 as dq_model_rows,
        0 as dq_compare_rows
    from {{ model }}
    union all
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        0 as dq_model_rows,
        1 as dq_compare_rows
    from {{ compare_model }}
),

counted as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        coalesce(sum(dq_model_rows), 0) as model_rows,
        coalesce(sum(dq_compare_rows), 0) as compare_rows
    from both_sides
    {% if groups %}group by {{ groups | join(', ') }}{% endif %}
)

select
    {% for column in groups %}{{ column }}, {% endfor %}
    model_rows,
    compare_rows,
    model_rows - compare_rows as row_difference,
    {{ failure_reason }} as failure_reason
from counted
where {{ failing_when }}
{%- endmacro %}

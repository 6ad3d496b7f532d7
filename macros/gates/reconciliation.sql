{#- equal_sum: a metric is preserved across a transformation. -#}

{% test equal_sum(model, column_name, compare_model, compare_column, group_by=none, tolerance=0) %}
    {{ return(adapter.dispatch('test_equal_sum', 'data_etudes')(
        model, column_name, compare_model, compare_column, group_by, tolerance)) }}
{% endtest %}

{% macro default__test_equal_sum(model, column_name, compare_model, compare_column, group_by, tolerance) %}
    {%- set macro_name = 'equal_sum' -%}
    {%- do data_etudes._require_relation(macro_name, 'compare_model', compare_model) -%}
    {%- do data_etudes._require_string(macro_name, 'compare_column', compare_column) -%}
    {%- set groups = data_etudes._column_list(macro_name, 'group_by', group_by, required=false) -%}
    {%- do data_etudes._require_number(macro_name, 'tolerance', tolerance, minimum=0) -%}
with

both_sides as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
    {{ column_name }} as dq_model_value,
        cast(null as {{ dbt.type_numeric() }}) as dq_compare_value
    from {{ model }}
    union all
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        cast(null as {{ dbt.type_numeric() }}) as dq_model_value,
        {{ compare_column }} as dq_compare_value
    from {{ compare_model }}
),

summed as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        coalesce(sum(dq_model_value), 0) as model_sum,
        coalesce(sum(dq_compare_value), 0) as compare_sum
    from both_sides
    {% if groups %}group by {{ groups | join(', ') }}{% endif %}
)

select
    {% for column in groups %}{{ column }}, {% endfor %}
    model_sum,
    compare_sum,
    model_sum - compare_sum as sum_difference,
    {{ tolerance }} as tolerance,
    case
        when model_sum > compare_sum then 'model sums to more than compare_model'
        else 'model sums to less than compare_model'
    end as failure_reason
from summed
where abs(model_sum - compare_sum) > {{ tolerance }}
{%- endmacro %}

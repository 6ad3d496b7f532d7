{#- relationships_where: referential integrity with a condition on each side. -#}

{#- Every non-NULL value of the column, among the model's rows meeting
    from_condition, is a value of `field` in `to` among its rows meeting
    to_condition (dbt_utils' relationships_where). NULL child keys are ignored,
    as dbt's relationships ignores them. Failing rows are the orphan rows whole,
    after the context columns. -#}
{% test relationships_where(model, column_name, to, field, from_condition=none, to_condition=none) %}
    {{ return(adapter.dispatch('test_relationships_where', 'data_etudes')(
        model, column_name, to, field, from_condition, to_condition)) }}
{% endtest %}

{% macro default__test_relationships_where(model, column_name, to, field, from_condition, to_condition) %}
    {%- set macro_name = 'relationships_where' -%}
    {%- do data_etudes._require_relation(macro_name, 'to', to) -%}
    {%- do data_etudes._require_string(macro_name, 'field', field) -%}
    {%- for name, value in [('from_condition', from_condition), ('to_condition', to_condition)] -%}
        {%- if value is not none -%}{%- do data_etudes._require_string(macro_name, name, value) -%}{%- endif -%}
    {%- endfor -%}
with

children as (
    select *
    from {{ model }}
    where {{ column_name }} is not null{{ ' and (' ~ from_condition ~ ')' if from_condition is not none else '' }}
),

parents as (
    select distinct {{ field }} as dq_parent_key
    from {{ to }}
    {%- if to_condition is not none %}
    where {{ to_condition }}
    {%- endif %}
)

select
    {{ data_etudes._string_literal(column_name) }} as failing_column,
    {{ data_etudes._to_string('children.' ~ column_name) }} as failing_value,
    {{ data_etudes._string_literal('a value of ' ~ (to.identifier if to.identifier is defined else to) ~ '.' ~ field
        ~ (' where ' ~ to_condition if to_condition is not none else '')) }} as expected_value,
    'no parent row holds this value' as failure_reason,
    children.*
from children
left join parents
    on children.{{ column_name }} = parents.dq_parent_key
where parents.dq_parent_key is null
{%- endmacro %}

{#- join_cardinality: would joining the model to `to` on `field` fan out rows? -#}

{% test join_cardinality(model, to=none, field=none, expected='many_to_one', to_field=none, column_name=none) %}
    {#- On a column, `field` defaults to that column. -#}
    {{ return(adapter.dispatch('test_join_cardinality', 'data_etudes')(
        model, to, field if field is not none else column_name, expected, to_field)) }}
{% endtest %}

{% macro default__test_join_cardinality(model, to, field, expected, to_field) %}
    {%- set macro_name = 'join_cardinality' -%}
    {%- do data_etudes._require_relation(macro_name, 'to', to) -%}
    {%- do data_etudes._require_string(macro_name, 'field', field) -%}
    {%- do data_etudes._require_one_of(macro_name, 'expected', expected,
        ['one_to_one', 'many_to_one', 'one_to_many', 'many_to_many']) -%}
    {%- set right_field = to_field if to_field is not none else field -%}
    {%- do data_etudes._require_string(macro_name, 'to_field', right_field) -%}
    {#- Which side must hold each key at most once. -#}
    {%- set model_side_one = expected in ('one_to_one', 'one_to_many') -%}
    {%- set to_side_one = expected in ('one_to_one', 'many_to_one') -%}
with

model_keys as (
    select
        {{ field }} as join_key,
        count(*) as model_rows
    from {{ model }}
    where {{ field }} is not null
    group by {{ field }}
),

to_keys as (
    select
        {{ right_field }} as join_key,
        count(*) as to_rows
    from {{ to }}
    where {{ right_field }} is not null
    group by {{ right_field }}
),

joined as (
    select
        model_keys.join_key,
        model_keys.model_rows,
        to_keys.to_rows
    from model_keys
    inner join to_keys
        on model_keys.join_key = to_keys.join_key
)

select
    join_key,
    model_rows,
    to_rows,
    model_rows * to_rows as joined_rows,
    {{ data_etudes._string_literal(expected) }} as expected_cardinality,
    {% if expected == 'many_to_many' -%}
    cast(null as {{ dbt.type_string() }}) as failure_reason
    {%- else -%}
    case
        {% if to_side_one -%}
            when to_rows > 1 then {{ dbt.concat(["'key matches '", data_etudes._to_string('to_rows'),
            "' rows of the joined relation: each model row is repeated'"]) }}
        {% endif -%}
        {% if model_side_one -%}
            when model_rows > 1 then {{ dbt.concat(["'key repeats '", data_etudes._to_string('model_rows'),
            "' times in the model: each joined row is repeated'"]) }}
        {% endif -%}
        end as failure_reason
    {%- endif %}
from joined
where
    {% if expected == 'many_to_many' -%}
    1 = 0
    {%- else -%}
        {% if to_side_one %}to_rows > 1{% endif %}
        {% if to_side_one and model_side_one %}or{% endif %}
        {% if model_side_one %}model_rows > 1{% endif %}
    {%- endif %}
{%- endmacro %}

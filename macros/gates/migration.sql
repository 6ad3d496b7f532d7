{#- relations_match: a keyed before/after comparison for migrations, in the
    manner of audit-helper: rows added, removed and changed per column, each
    failing row carrying the count of its kind and a sample of values. -#}

{% test relations_match(model, compare_model, key, exclude_columns=[], columns=none) %}
    {{ return(adapter.dispatch('test_relations_match', 'data_etudes')(
        model, compare_model, key, exclude_columns, columns)) }}
{% endtest %}

{% macro default__test_relations_match(model, compare_model, key, exclude_columns, columns) %}
    {%- set macro_name = 'relations_match' -%}
    {%- do data_etudes._require_relation(macro_name, 'compare_model', compare_model) -%}
    {%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
    {%- set excluded = data_etudes._column_list(macro_name, 'exclude_columns', exclude_columns, required=false) -%}
    {%- set unquoted = [] -%}
    {%- for name in keys + excluded -%}
        {%- do unquoted.append(name | replace('"', '') | lower) -%}
    {%- endfor -%}
    {%- if columns is not none -%}
        {%- set compared = data_etudes._column_list(macro_name, 'columns', columns) -%}
    {%- else -%}
        {%- set compared = [] -%}
        {%- for column in data_etudes._columns_of(compare_model) -%}
            {%- if (column.name | lower) not in unquoted -%}
                {%- do compared.append(column.quoted) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set key_columns = [] -%}
    {%- for name in keys -%}
        {%- do key_columns.append('dq_k' ~ loop.index) -%}
    {%- endfor -%}
    {%- set by_key = key_columns | join(', ') -%}
with

{# Both sides in one set: each key column and compared column under a
   position name, and the side. The rows of a key are found by PARTITION BY
   the key columns (NULL keys group with NULL keys), never by a string joined
   from them. #}
both_sides as (
    {% for side, relation in [(0, model), (1, compare_model)] -%}
        {% if not loop.first %}union all
    {% endif -%}
    select
        {% for name in keys -%}
        {{ name }} as dq_k{{ loop.index }},
        {% endfor -%}
        {% for column in compared -%}
        {{ column }} as dq_c{{ loop.index }},
        {% endfor -%}
        {{ side }} as dq_side
    from {{ relation }}
    {% endfor %}
),

{# Per row, how many rows its key has on each side and, on the model's row,
   the compare_model row's values (the next row of its key, in side order). #}
keyed as (
    select
        {{ by_key }},
        dq_side,
        {% for column in compared -%}
    dq_c{{ loop.index }},
        lead(dq_c{{ loop.index }}) over (partition by {{ by_key }} order by dq_side) as dq_p{{ loop.index }},
        {% endfor -%}
    sum(1 - dq_side) over (partition by {{ by_key }}) as dq_model_rows,
        sum(dq_side) over (partition by {{ by_key }}) as dq_compare_rows
    from both_sides
),

differences as (
    select distinct
        {{ by_key }},
        'duplicate_key' as diff_type,
        cast(null as {{ dbt.type_string() }}) as column_name,
        {{ data_etudes._to_string('case dq_side when 0 then dq_model_rows else dq_compare_rows end') }} as model_value,
        cast(case dq_side when 0 then 'model' else 'compare_model' end as {{ dbt.type_string() }}) as compare_value
    from keyed
    where (dq_side = 0 and dq_model_rows > 1) or (dq_side = 1 and dq_compare_rows > 1)
    union all
    select
        {{ by_key }},
        case dq_side when 0 then 'added' else 'removed' end as diff_type,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as model_value,
        cast(null as {{ dbt.type_string() }}) as compare_value
    from keyed
    where dq_model_rows + dq_compare_rows = 1
    {% for column in compared %}
    union all
    select
        {{ by_key }},
        'changed' as diff_type,
        {{ data_etudes._string_literal(column | replace('"', '')) }} as column_name,
        {{ data_etudes._to_string('dq_c' ~ loop.index) }} as model_value,
        {{ data_etudes._to_string('dq_p' ~ loop.index) }} as compare_value
    from keyed
    where
        dq_side = 0
        and dq_model_rows = 1
        and dq_compare_rows = 1
        and not {{ data_etudes._null_safe_equals('dq_c' ~ loop.index, 'dq_p' ~ loop.index) }}
    {% endfor %}
)

select
    diff_type,
    column_name,
    {% for name in keys -%}
    {{ key_columns[loop.index0] }} as {{ name }},
    {% endfor -%}
    model_value,
    compare_value,
    count(*) over (partition by diff_type, column_name) as rows_with_this_difference,
    case diff_type
        when 'added' then 'key in the model, not in compare_model'
        when 'removed' then 'key in compare_model, not in the model'
        when 'changed' then 'value differs between the model and compare_model'
        else 'key is not unique (model_value: rows, compare_value: side); left out of the comparison'
    end as failure_reason
from differences
{%- endmacro %}

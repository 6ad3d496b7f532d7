{#- Table shape: row_count_between, fewer_rows_than, column_types_are. -#}

{#- row_count_between: the model has between min_value and max_value rows,
    bounds included (dbt-expectations' expect_table_row_count_to_be_between),
    overall or per group. -#}
{% test row_count_between(model, min_value=none, max_value=none, group_by=none) %}
    {{ return(adapter.dispatch('test_row_count_between', 'data_etudes')(model, min_value, max_value, group_by)) }}
{% endtest %}

{% macro default__test_row_count_between(model, min_value, max_value, group_by) %}
    {%- set macro_name = 'row_count_between' -%}
    {%- if min_value is none and max_value is none -%}
        {{ data_etudes._argument_error(macro_name, 'min_value/max_value',
            "at least one bound (a whole number >= 0)", none) }}
    {%- endif -%}
    {%- for name, value in [('min_value', min_value), ('max_value', max_value)] -%}
        {%- do data_etudes._require_number(macro_name, name, value, minimum=0, allow_none=true) -%}
        {%- if value is not none and value != value | int -%}
            {{ data_etudes._argument_error(macro_name, name, "a whole number >= 0", value) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if min_value is not none and max_value is not none and min_value > max_value -%}
        {{ data_etudes._argument_error(macro_name, 'max_value',
            "a number >= min_value (" ~ min_value ~ ")", max_value) }}
    {%- endif -%}
    {%- set groups = data_etudes._column_list(macro_name, 'group_by', group_by, required=false) -%}
    {%- set conditions = [] -%}
    {%- if min_value is not none -%}{%- do conditions.append('row_count < ' ~ min_value) -%}{%- endif -%}
    {%- if max_value is not none -%}{%- do conditions.append('row_count > ' ~ max_value) -%}{%- endif -%}
with

counted as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        count(*) as row_count
    from {{ model }}
    {% if groups %}group by {{ groups | join(', ') }}{% endif %}
)

select
    {% for column in groups %}{{ column }}, {% endfor %}
    row_count,
    {{ data_etudes._string_literal(data_etudes._range_text(min_value, max_value, true)) }} as expected_value,
    {{ data_etudes._bound_reason('row_count < ' ~ min_value if min_value is not none else none,
        'fewer rows than min_value', 'more rows than max_value') }} as failure_reason
from counted
where {{ conditions | join(' or ') }}
{%- endmacro %}


{#- fewer_rows_than: the model has fewer rows than compare_model (dbt_utils),
    overall or per group. -#}
{% test fewer_rows_than(model, compare_model, group_by=none) %}
    {{ return(adapter.dispatch('test_fewer_rows_than', 'data_etudes')(model, compare_model, group_by)) }}
{% endtest %}

{% macro default__test_fewer_rows_than(model, compare_model, group_by) %}
    {{ data_etudes._row_count_comparison('fewer_rows_than', model, compare_model, group_by,
        'model_rows >= compare_rows',
        "case when model_rows = compare_rows then 'model has as many rows as compare_model'"
        ~ " else 'model has more rows than compare_model' end") }}
{% endmacro %}


{#- column_types_are: each listed column exists, with one of its accepted
    types. A type matches the adapter's name for it (adapter.get_columns_in_relation,
    or the query's columns under `where`), lowercased with its spaces collapsed;
    a type written without parameters matches any (`numeric` matches
    `numeric(10,2)`, `character varying` matches `character varying(256)`).
    Column names match case-insensitively, quotes ignored. -#}
{% test column_types_are(model, column_types) %}
    {{ return(adapter.dispatch('test_column_types_are', 'data_etudes')(model, column_types)) }}
{% endtest %}

{#- {column: [accepted type, ...]}, names and types normalised. -#}
{% macro _expected_column_types(macro_name, column_types) %}
    {%- set accepts = "a non-empty mapping of column name to a type or a list of types,"
        ~ " such as {order_id: integer, amount: [numeric, double]}" -%}
    {%- if column_types is not mapping or column_types | length == 0 -%}
        {{ data_etudes._argument_error(macro_name, 'column_types', accepts, column_types) }}
    {%- endif -%}
    {%- set expected = {} -%}
    {%- for name, types in column_types.items() -%}
        {%- set type_list = [types] if types is string else types -%}
        {%- if type_list is not iterable or type_list is mapping or type_list | length == 0 -%}
            {{ data_etudes._argument_error(macro_name, 'column_types.' ~ name,
                "a type or a non-empty list of types", types) }}
        {%- endif -%}
        {%- set normalised = [] -%}
        {%- for type_name in type_list -%}
            {%- do data_etudes._require_string(macro_name, 'column_types.' ~ name, type_name) -%}
            {%- do normalised.append(data_etudes._type_text(type_name)) -%}
        {%- endfor -%}
        {%- do expected.update({name: normalised}) -%}
    {%- endfor -%}
    {{ return(expected) }}
{% endmacro %}

{#- A type name lowercased with its spaces collapsed: 'DECIMAL(10, 2)' -> 'decimal(10,2)'. -#}
{% macro _type_text(type_name) %}
    {%- set spaced = modules.re.sub('\\s+', ' ', type_name | string | trim | lower) -%}
    {{- return(modules.re.sub('\\s*([(),])\\s*', '\\1', spaced)) -}}
{% endmacro %}

{% macro default__test_column_types_are(model, column_types) %}
    {%- set expected = data_etudes._expected_column_types('column_types_are', column_types) -%}
    {%- if not execute -%}
        select 1 as dq_parse_placeholder
    {%- else -%}
        {{ data_etudes._column_types_judged(model, expected) }}
    {%- endif -%}
{%- endmacro %}

{#- One row per expected column, its verdict 'ok' or the failure, filtered to failures. -#}
{% macro _column_types_judged(model, expected) %}
    {%- set actual = {} -%}
    {%- for column in data_etudes._columns_of(model) -%}
        {%- do actual.update({data_etudes._bare_name(column.name): data_etudes._type_text(column.data_type)}) -%}
    {%- endfor -%}
    {%- set rows = [] -%}
    {%- for name, accepted in expected.items() -%}
        {%- set found = actual.get(data_etudes._bare_name(name)) -%}
        {%- set matches = found is not none and (found in accepted or found.split('(')[0] in accepted) -%}
        {%- set reason = 'column missing from the model' if found is none
            else 'column has another type' if not matches else 'ok' -%}
        {%- set actual_type = data_etudes._string_literal(found) if found is not none
            else 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
        {%- do rows.append([data_etudes._string_literal(data_etudes._bare_name(name)),
            data_etudes._string_literal(accepted | join(' or ')), actual_type, data_etudes._string_literal(reason)]) -%}
    {%- endfor -%}
with

judged as (
    {% for row in rows -%}
        {% if not loop.first %}union all
    {% endif -%}
    select
        {{ row[0] }} as failing_column,
        {{ row[1] }} as expected_type,
        {{ row[2] }} as actual_type,
        {{ row[3] }} as failure_reason
    {% endfor %}
)

select
    failing_column,
    expected_type,
    actual_type,
    failure_reason
from judged
where failure_reason <> 'ok'
{%- endmacro %}

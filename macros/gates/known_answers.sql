{#- equals_expected: the model equals an expected relation as a multiset. -#}

{% test equals_expected(model, expected, columns=none, tolerance=0) %}
    {{ return(adapter.dispatch('test_equals_expected', 'data_etudes')(model, expected, columns, tolerance)) }}
{% endtest %}

{#- The columns to compare: `columns` as given (identifiers, quote them yourself
    when they need it), else every column of `expected`, quoted. Each entry says
    whether it is numeric (compared within `tolerance`). -#}
{% macro _equals_expected_columns(expected, columns) %}
    {%- set described = data_etudes._columns_of(expected) -%}
    {%- if columns is none -%}
        {{ return(described) }}
    {%- endif -%}
    {%- set numeric_names = [] -%}
    {%- for column in described if column.is_number -%}
        {%- do numeric_names.append(column.name | lower) -%}
    {%- endfor -%}
    {%- set chosen = [] -%}
    {%- for name in columns -%}
        {%- do chosen.append({
            'name': name,
            'quoted': name,
            'is_number': (name | replace('"', '') | replace('`', '') | lower) in numeric_names,
        }) -%}
    {%- endfor -%}
    {{ return(chosen) }}
{% endmacro %}

{% macro default__test_equals_expected(model, expected, columns, tolerance) %}
    {%- set macro_name = 'equals_expected' -%}
    {%- do data_etudes._require_relation(macro_name, 'expected', expected) -%}
    {%- set column_names = data_etudes._column_list(macro_name, 'columns', columns, required=false)
        if columns is not none else none -%}
    {%- do data_etudes._require_number(macro_name, 'tolerance', tolerance, minimum=0) -%}
    {%- set compared = data_etudes._equals_expected_columns(expected, column_names) -%}

    {%- if not execute -%}
        select 1 as dq_parse_placeholder
    {%- elif compared | length == 0 -%}
        {{ exceptions.raise_compiler_error("data_etudes.equals_expected: the relation given as `expected` (" ~ expected ~ ") has no columns or does not exist; build it first (a seed or a model).") }}
    {%- elif tolerance == 0 or (compared | selectattr('is_number') | list | length == 0) -%}
        {{ data_etudes._equals_expected_exact(model, expected, compared) }}
    {%- else -%}
        {{ data_etudes._equals_expected_tolerant(model, expected, compared, tolerance) }}
    {%- endif -%}
{% endmacro %}

{#- Exact multiset comparison: a union of both sides grouped by every column
    (GROUP BY treats NULL as equal to NULL), keeping tuples whose counts differ. -#}
{% macro _equals_expected_exact(model, expected, compared) %}
    {%- set column_list = compared | map(attribute='quoted') | join(', ') -%}
with

actual_rows as (
    select
        {{ column_list }},
        0 as dq_is_expected
    from {{ model }}
),

expected_rows as (
    select
        {{ column_list }},
        1 as dq_is_expected
    from {{ expected }}
),

both_sides as (
    select * from actual_rows
    union all
    select * from expected_rows
),

counted as (
    select
        {{ column_list }},
        sum(dq_is_expected) as expected_occurrences,
        sum(1 - dq_is_expected) as actual_occurrences
    from both_sides
    group by {{ column_list }}
)

select
    case when expected_occurrences > actual_occurrences then 'missing' else 'unexpected' end as diff_kind,
    {{ column_list }},
    expected_occurrences,
    actual_occurrences,
    case
        when actual_occurrences = 0 then 'row expected but absent from the model'
        when expected_occurrences = 0 then 'row in the model but not expected'
        when expected_occurrences > actual_occurrences then 'row present fewer times than expected'
        else 'row present more times than expected'
    end as failure_reason
from counted
where expected_occurrences <> actual_occurrences
{%- endmacro %}

{#- Comparison with a tolerance on numeric columns: rows are paired within the
    same non-numeric values, in order of their numeric values, and a pair matches
    when every numeric column differs by at most `tolerance` (NULL matches NULL). -#}
{% macro _equals_expected_tolerant(model, expected, compared, tolerance) %}
    {%- set column_list = compared | map(attribute='quoted') | join(', ') -%}
    {%- set text_columns = compared | rejectattr('is_number') | list -%}
    {%- set number_columns = compared | selectattr('is_number') | list -%}
    {%- set key_parts = [] -%}
    {%- for column in text_columns -%}
        {%- do key_parts.append("coalesce(" ~ data_etudes._to_string(column.quoted) ~ ", '<dq-null>')") -%}
        {%- do key_parts.append("'|'") -%}
    {%- endfor -%}
    {%- do key_parts.append("''") -%}
    {%- set order_list = [] -%}
    {%- for column in number_columns -%}
        {%- do order_list.append(column.quoted ~ " nulls last") -%}
    {%- endfor -%}
    {%- set within = [] -%}
    {%- for column in compared -%}
        {%- if column.is_number -%}
            {%- set e = "dq_e.dq_c" ~ loop.index -%}
            {%- set a = "dq_a.dq_c" ~ loop.index -%}
            {%- do within.append("((" ~ e ~ " is null and " ~ a
                ~ " is null) or abs(" ~ e ~ " - " ~ a ~ ") <= " ~ tolerance ~ ")") -%}
        {%- endif -%}
    {%- endfor -%}
with

{% for side, relation in [('actual', model), ('expected', expected)] %}
        {{ side }}_rows as (
    select
        {% for column in compared -%}
        {{ column.quoted }} as dq_c{{ loop.index }},
        {% endfor -%}
    {{ dbt.hash(dbt.concat(key_parts)) }} as dq_key,
        row_number() over (
            partition by {{ dbt.hash(dbt.concat(key_parts)) }}
            order by {{ order_list | join(', ') }}
        ) as dq_occurrence
    from {{ relation }}
),
{% endfor %}

paired as (
    select
        {% for column in compared -%}
    dq_e.dq_c{{ loop.index }} as dq_e{{ loop.index }},
        dq_a.dq_c{{ loop.index }} as dq_a{{ loop.index }},
        {% endfor -%}
        dq_e.dq_key as dq_expected_key,
        dq_a.dq_key as dq_actual_key,
        case when {{ within | join(' and ') }} then 1 else 0 end as dq_within
    from expected_rows as dq_e
    full outer join actual_rows as dq_a
        on dq_e.dq_key = dq_a.dq_key and dq_e.dq_occurrence = dq_a.dq_occurrence
)

select
    'missing' as diff_kind,
    {% for column in compared -%}
    dq_e{{ loop.index }} as {{ column.quoted }},
    {% endfor -%}
    1 as expected_occurrences,
    0 as actual_occurrences,
    'row expected but absent from the model (tolerance {{ tolerance }})' as failure_reason
from paired
where dq_expected_key is not null and (dq_actual_key is null or dq_within = 0)

union all

select
    'unexpected' as diff_kind,
    {% for column in compared -%}
    dq_a{{ loop.index }} as {{ column.quoted }},
    {% endfor -%}
    0 as expected_occurrences,
    1 as actual_occurrences,
    'row in the model but not expected (tolerance {{ tolerance }})' as failure_reason
from paired
where dq_actual_key is not null and (dq_expected_key is null or dq_within = 0)
{%- endmacro %}

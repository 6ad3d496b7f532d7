{#- equals_expected: the model equals an expected relation as a multiset. -#}

{% test equals_expected(model, expected, columns=none, tolerance=0, exclude_columns=none) %}
    {{ return(adapter.dispatch('test_equals_expected', 'data_etudes')(
        model, expected, columns, tolerance, exclude_columns)) }}
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
            'is_number': data_etudes._bare_name(name) in numeric_names,
        }) -%}
    {%- endfor -%}
    {{ return(chosen) }}
{% endmacro %}

{#- The compared columns without those named in `excluded` (matched as
    _bare_name sees them); a name that matches none is a compile error. -#}
{% macro _without_columns(macro_name, compared, excluded) %}
    {%- if not excluded or not compared -%}
        {{ return(compared) }}
    {%- endif -%}
    {%- set excluded_names = [] -%}
    {%- for name in excluded -%}
        {%- do excluded_names.append(data_etudes._bare_name(name)) -%}
    {%- endfor -%}
    {%- set kept = [] -%}
    {%- set compared_names = [] -%}
    {%- for column in compared -%}
        {%- do compared_names.append(data_etudes._bare_name(column.name)) -%}
        {%- if compared_names[-1] not in excluded_names -%}
            {%- do kept.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in excluded_names if name not in compared_names -%}
        {{ data_etudes._argument_error(macro_name, 'exclude_columns',
            "names of compared columns (" ~ compared_names | join(', ') ~ ")", excluded) }}
    {%- endfor -%}
    {%- if not kept -%}
        {{ data_etudes._argument_error(macro_name, 'exclude_columns',
            "a list that leaves a column to compare", excluded) }}
    {%- endif -%}
    {{ return(kept) }}
{% endmacro %}

{% macro default__test_equals_expected(model, expected, columns, tolerance, exclude_columns=none) %}
    {%- set macro_name = 'equals_expected' -%}
    {%- do data_etudes._require_relation(macro_name, 'expected', expected) -%}
    {%- set column_names = data_etudes._column_list(macro_name, 'columns', columns, required=false)
        if columns is not none else none -%}
    {%- do data_etudes._require_number(macro_name, 'tolerance', tolerance, minimum=0) -%}
    {%- set excluded = data_etudes._column_list(macro_name, 'exclude_columns', exclude_columns, required=false) -%}
    {%- set compared = data_etudes._without_columns(macro_name,
        data_etudes._equals_expected_columns(expected, column_names), excluded) -%}

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
    same values of every non-numeric column (exactly, NULL with NULL: by
    PARTITION BY the columns themselves, never a string joined from them), in
    order of their numeric values, and a pair matches when every numeric column
    differs by at most `tolerance` (NULL matches NULL). A pair is the expected
    and the actual row of the same rank, so a partition holds one or two rows:
    min and max over it are the two sides' values. -#}
{% macro _equals_expected_tolerant(model, expected, compared, tolerance) %}
    {%- set text_positions = [] -%}
    {%- set number_positions = [] -%}
    {%- for column in compared -%}
        {%- do (number_positions if column.is_number else text_positions).append('dq_c' ~ loop.index) -%}
    {%- endfor -%}
    {%- set order_list = [] -%}
    {%- for position in number_positions -%}
        {%- do order_list.append(position ~ " nulls last") -%}
    {%- endfor -%}
    {%- set pair = (text_positions + ['dq_occurrence']) | join(', ') -%}
    {%- set within = [] -%}
    {%- for position in number_positions -%}
        {%- do within.append("(count(" ~ position ~ ") over (partition by " ~ pair ~ ") = 0 or (count("
            ~ position ~ ") over (partition by " ~ pair ~ ") = 2 and max(" ~ position ~ ") over (partition by "
            ~ pair ~ ") - min(" ~ position ~ ") over (partition by " ~ pair ~ ") <= " ~ tolerance ~ "))") -%}
    {%- endfor -%}
with

both_sides as (
    {% for relation in [model, expected] -%}
        {% if not loop.first %}union all
    {% endif -%}
    select
        {% for column in compared -%}
        {{ column.quoted }} as dq_c{{ loop.index }},
        {% endfor -%}
        {{ loop.index0 }} as dq_is_expected
    from {{ relation }}
    {% endfor %}
),

ranked as (
    select
        {% for column in compared -%}
    dq_c{{ loop.index }},
        {% endfor -%}
        dq_is_expected,
        row_number() over (
            partition by {{ (text_positions + ['dq_is_expected']) | join(', ') }}
            order by {{ order_list | join(', ') }}
        ) as dq_occurrence
    from both_sides
),

paired as (
    select
        {% for column in compared -%}
    dq_c{{ loop.index }},
        {% endfor -%}
        dq_is_expected,
        case
            when count(*) over (partition by {{ pair }}) = 2 and {{ within | join(' and ') }} then 1
            else 0
        end as dq_within
    from ranked
)

select
    case dq_is_expected when 1 then 'missing' else 'unexpected' end as diff_kind,
    {% for column in compared -%}
    dq_c{{ loop.index }} as {{ column.quoted }},
    {% endfor -%}
    dq_is_expected as expected_occurrences,
    1 - dq_is_expected as actual_occurrences,
    case dq_is_expected
        when 1 then 'row expected but absent from the model (tolerance {{ tolerance }})'
        else 'row in the model but not expected (tolerance {{ tolerance }})'
    end as failure_reason
from paired
where dq_within = 0
{%- endmacro %}

{#- Value rules, the column tests dbt-utils and dbt's built-ins give a team:
    expression_is_true, in_accepted_values, not_accepted_values, not_constant,
    at_least_one. Row-level rules return the failing rows whole (every column
    of the model), after four context columns: failing_column, failing_value,
    expected_value, failure_reason. -#}

{#- expression_is_true: a boolean SQL expression holds on every row. On a
    column, the expression follows the column (`>= 0` reads `column >= 0`), as
    in dbt_utils. A row where the expression is NULL passes, as a SQL CHECK
    constraint treats it (and dbt_utils). -#}
{% test expression_is_true(model, expression, column_name=none) %}
    {{ return(adapter.dispatch('test_expression_is_true', 'data_etudes')(model, expression, column_name)) }}
{% endtest %}

{% macro default__test_expression_is_true(model, expression, column_name) %}
    {%- set rule = data_etudes._gate_rule('expression_is_true')(model,
        {'column': column_name, 'expression': expression}, data_etudes._rule_call('expression_is_true')) -%}
{{ data_etudes._row_rule_test(model, column_name, rule,
    data_etudes._to_string(column_name) if column_name is not none else none) }}
{%- endmacro %}


{#- The values of an in_accepted_values / not_accepted_values list as SQL
    literals (shared with quality_gate): strings quoted unless quote=false,
    then each written as SQL (numbers, expressions). -#}
{% macro _value_list(macro_name, argument, values, quote) %}
    {%- if values is none or values is string or values is mapping or values is not iterable
        or values | length == 0 -%}
        {{ data_etudes._argument_error(macro_name, argument, "a non-empty list of values", values) }}
    {%- endif -%}
    {%- if none in values -%}
        {{ data_etudes._argument_error(macro_name, argument,
            "a list of values without null (NULLs always pass; test them with not_null)", values) }}
    {%- endif -%}
    {%- set rendered = [] -%}
    {%- for value in values -%}
        {%- do rendered.append(data_etudes._sql_value(value) if quote else value | string) -%}
    {%- endfor -%}
    {{ return(rendered) }}
{% endmacro %}

{#- The condition under which a value breaks an accepted-values rule (shared
    with quality_gate): a non-NULL value outside the list. With accepted=false,
    a value inside the list (not_accepted_values). -#}
{% macro _accepted_values_violation(expression, rendered, accepted=true) %}
    {{- return(expression ~ ' is not null and ' ~ expression ~ (' not in (' if accepted else ' in (')
        ~ rendered | join(', ') ~ ')') -}}
{% endmacro %}

{#- in_accepted_values: every non-NULL value is one of `values`, the verdict of
    dbt's built-in accepted_values, as a row-level test with the failing rows
    whole. Not named accepted_values: dbt resolves an unqualified generic test
    from installed packages before its own, so a package's test_accepted_values
    would replace the built-in in every project that installs the package. -#}
{% test in_accepted_values(model, column_name, values, quote=true) %}
    {{ return(adapter.dispatch('test_in_accepted_values', 'data_etudes')(model, column_name, values, quote)) }}
{% endtest %}

{% macro default__test_in_accepted_values(model, column_name, values, quote) %}
    {{ data_etudes._values_test('in_accepted_values', model, column_name, values, quote, true) }}
{% endmacro %}

{#- not_accepted_values: no value is one of `values` (dbt_utils). -#}
{% test not_accepted_values(model, column_name, values, quote=true) %}
    {{ return(adapter.dispatch('test_not_accepted_values', 'data_etudes')(model, column_name, values, quote)) }}
{% endtest %}

{% macro default__test_not_accepted_values(model, column_name, values, quote) %}
    {{ data_etudes._values_test('not_accepted_values', model, column_name, values, quote, false) }}
{% endmacro %}

{% macro _values_test(macro_name, model, column_name, values, quote, accepted) %}
    {%- set rule = data_etudes._gate_values_rule({'column': column_name, 'values': values, 'quote': quote},
        data_etudes._rule_call(macro_name), accepted) -%}
    {{ data_etudes._row_rule_test(model, column_name, rule, data_etudes._to_string(column_name)) }}
{%- endmacro %}


{#- not_constant: a column holds at least two distinct non-NULL values (per
    group). An empty table (or group) passes; a column of NULLs only fails.
    The one value is shown as a string (PostgreSQL has no min(boolean)). -#}
{% test not_constant(model, column_name, group_by=none) %}
    {{ return(adapter.dispatch('test_not_constant', 'data_etudes')(model, column_name, group_by)) }}
{% endtest %}

{% macro default__test_not_constant(model, column_name, group_by) %}
    {%- set groups = data_etudes._column_list('not_constant', 'group_by', group_by, required=false) -%}
    {%- set rule = data_etudes._gate_rule('not_constant')(model, {'column': column_name},
        data_etudes._rule_call('not_constant')) -%}
with

counted as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        count(*) as dq_row_count,
        count(*) - count({{ column_name }}) as null_count,
        {{ rule.totals | join(', ') }}
    from {{ model }}
    {% if groups %}group by {{ groups | join(', ') }}{% endif %}
)

select
    {% for column in groups %}{{ column }}, {% endfor %}
    {{ data_etudes._string_literal(column_name) }} as failing_column,
    {{ rule.sample }} as failing_value,
    {{ data_etudes._string_literal(rule.expected) }} as expected_value,
    {{ rule.distinct }} as distinct_values,
    null_count,
    dq_row_count as row_count,
    {{ rule.reason }} as failure_reason
from counted
where {{ rule.verdict }}
{%- endmacro %}


{#- at_least_one: a column holds at least one non-NULL value (per group). An
    empty table fails without group_by; with it, there is no group to judge. -#}
{% test at_least_one(model, column_name, group_by=none) %}
    {{ return(adapter.dispatch('test_at_least_one', 'data_etudes')(model, column_name, group_by)) }}
{% endtest %}

{% macro default__test_at_least_one(model, column_name, group_by) %}
    {%- set groups = data_etudes._column_list('at_least_one', 'group_by', group_by, required=false) -%}
    {%- set rule = data_etudes._gate_rule('at_least_one')(model, {'column': column_name},
        data_etudes._rule_call('at_least_one')) -%}
with

counted as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        count(*) as dq_row_count,
        {{ rule.totals | join(', ') }}
    from {{ model }}
    {% if groups %}group by {{ groups | join(', ') }}{% endif %}
)

select
    {% for column in groups %}{{ column }}, {% endfor %}
    {{ data_etudes._string_literal(column_name) }} as failing_column,
    dq_row_count as row_count,
    {{ data_etudes._string_literal(rule.expected) }} as expected_value,
    {{ rule.reason }} as failure_reason
from counted
where {{ rule.verdict }}
{%- endmacro %}

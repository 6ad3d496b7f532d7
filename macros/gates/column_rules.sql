{#- Column rules: null_rate, accepted_range, matches_pattern,
    not_matching_pattern, unique_combination. Row-level rules return the
    failing rows whole (every column of the model), after four context columns:
    failing_column, failing_value, expected_value, failure_reason. -#}

{#- null_rate: the share of NULLs in a column is at most max_rate and at least
    min_rate (per group). -#}
{% test null_rate(model, column_name, max_rate=none, group_by=none, min_rate=none) %}
    {{ return(adapter.dispatch('test_null_rate', 'data_etudes')(model, column_name, max_rate, group_by, min_rate)) }}
{% endtest %}

{% macro default__test_null_rate(model, column_name, max_rate, group_by, min_rate=none) %}
    {%- set rule = data_etudes._gate_rule('null_rate')(model,
        {'column': column_name, 'max_rate': max_rate, 'min_rate': min_rate}, data_etudes._rule_call('null_rate')) -%}
    {%- set groups = data_etudes._column_list('null_rate', 'group_by', group_by, required=false) -%}
    {%- set no_bound = 'cast(null as ' ~ dbt.type_numeric() ~ ')' -%}
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
    {{ rule.failing_count }} as null_count,
    dq_row_count as row_count,
    round(cast({{ rule.failing_count }} as {{ dbt.type_numeric() }}) / dq_row_count, 6) as null_rate,
    {{ max_rate if max_rate is not none else no_bound }} as max_rate,
    {{ min_rate if min_rate is not none else no_bound }} as min_rate,
    {{ rule.reason }} as failure_reason
from counted
where {{ rule.verdict }}
{%- endmacro %}


{#- accepted_range: every non-NULL value lies within [min_value, max_value]. -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
    {{ return(adapter.dispatch('test_accepted_range', 'data_etudes')(
        model, column_name, min_value, max_value, inclusive)) }}
{% endtest %}

{#- The condition under which a value breaks the range (shared with quality_gate). -#}
{% macro _range_violation(expression, min_value, max_value, inclusive) %}
    {%- set below = '<' if inclusive else '<=' -%}
    {%- set above = '>' if inclusive else '>=' -%}
    {%- set parts = [] -%}
    {%- if min_value is not none -%}{%- do parts.append(expression ~ ' ' ~ below ~ ' ' ~ min_value) -%}{%- endif -%}
    {%- if max_value is not none -%}{%- do parts.append(expression ~ ' ' ~ above ~ ' ' ~ max_value) -%}{%- endif -%}
    {{ return('(' ~ parts | join(' or ') ~ ')') }}
{% endmacro %}

{% macro _validate_range(macro_name, min_value, max_value, inclusive) %}
    {%- if min_value is none and max_value is none -%}
        {{ data_etudes._argument_error(macro_name, 'min_value/max_value',
            "at least one bound (a number or a SQL expression)", none) }}
    {%- endif -%}
    {%- for name, value in [('min_value', min_value), ('max_value', max_value)] -%}
        {%- if value is not none and (value is boolean or value is mapping
            or (value is not number and value is not string)) -%}
            {{ data_etudes._argument_error(macro_name, name, "a number or a SQL expression string", value) }}
        {%- endif -%}
    {%- endfor -%}
    {%- do data_etudes._require_boolean(macro_name, 'inclusive', inclusive) -%}
{% endmacro %}

{% macro _range_text(min_value, max_value, inclusive) %}
    {%- set low = ('[' if inclusive else '(') ~ (min_value if min_value is not none else '-inf') -%}
    {%- set high = (max_value if max_value is not none else '+inf') ~ (']' if inclusive else ')') -%}
    {{- return(low ~ ', ' ~ high) -}}
{% endmacro %}

{% macro default__test_accepted_range(model, column_name, min_value, max_value, inclusive) %}
    {%- set rule = data_etudes._gate_rule('accepted_range')(model,
        {'column': column_name, 'min_value': min_value, 'max_value': max_value, 'inclusive': inclusive},
        data_etudes._rule_call('accepted_range')) -%}
    {{ data_etudes._row_rule_test(model, column_name, rule, column_name) }}
{%- endmacro %}


{#- matches_pattern / not_matching_pattern: regular expressions (searched, not
    anchored) that behave the same on DuckDB and PostgreSQL. NULLs pass. -#}
{% test matches_pattern(model, column_name, pattern, case_sensitive=true) %}
    {{ return(adapter.dispatch('test_matches_pattern', 'data_etudes')(model, column_name, pattern, case_sensitive)) }}
{% endtest %}

{% macro default__test_matches_pattern(model, column_name, pattern, case_sensitive) %}
    {{ data_etudes._pattern_test('matches_pattern', model, column_name, pattern, case_sensitive, true) }}
{% endmacro %}

{% test not_matching_pattern(model, column_name, pattern, case_sensitive=true) %}
    {{ return(adapter.dispatch('test_not_matching_pattern', 'data_etudes')(
        model, column_name, pattern, case_sensitive)) }}
{% endtest %}

{% macro default__test_not_matching_pattern(model, column_name, pattern, case_sensitive) %}
    {{ data_etudes._pattern_test('not_matching_pattern', model, column_name, pattern, case_sensitive, false) }}
{% endmacro %}

{% macro _pattern_test(macro_name, model, column_name, pattern, case_sensitive, must_match) %}
    {%- set rule = data_etudes._gate_pattern_rule(
        {'column': column_name, 'pattern': pattern, 'case_sensitive': case_sensitive},
        data_etudes._rule_call(macro_name), must_match) -%}
    {{ data_etudes._row_rule_test(model, column_name, rule, column_name) }}
{%- endmacro %}


{#- unique_combination: no two rows share the same values in `columns`.
    NULL rule: with null_handling='equal' (default) NULLs count as equal values,
    so two rows (1, NULL) and (1, NULL) are duplicates (as GROUP BY sees them);
    with 'distinct', rows with a NULL in any of the columns are never duplicates
    (as a SQL UNIQUE constraint sees them). -#}
{% test unique_combination(model, columns=none, null_handling='equal', column_name=none) %}
    {#- On a column, `columns` defaults to that column. -#}
    {{ return(adapter.dispatch('test_unique_combination', 'data_etudes')(
        model, columns if columns is not none else column_name, null_handling)) }}
{% endtest %}

{% macro default__test_unique_combination(model, columns, null_handling) %}
    {%- set macro_name = 'unique_combination' -%}
    {%- set rule = data_etudes._gate_rule('unique')(model, {
        'columns': data_etudes._column_list(macro_name, 'columns', columns), 'null_handling': null_handling},
        data_etudes._rule_call(macro_name)) -%}
select
    {% for column in rule.columns %}{{ column }}, {% endfor %}
    count(*) as occurrences,
    {{ data_etudes._string_literal(rule.label) }} as unique_columns,
    'combination appears more than once' as failure_reason
from {{ model }}{{ rule.present_filter }}
group by {{ rule.label }}
having count(*) > 1
{%- endmacro %}

{#- quality_gate: many column rules evaluated in one pass over the model, one
    failing row per broken rule with its failing count and a sample value.
    Each rule kind is one entry of the rule registry (rule_registry.sql),
    which the rule's single test uses too, so each gives the same verdict as
    its single-rule test:
      not_null             ~ dbt's not_null
      null_rate            ~ data_etudes.null_rate
      accepted_range       ~ data_etudes.accepted_range
      accepted_values      ~ data_etudes.in_accepted_values (and dbt's accepted_values)
      not_accepted_values  ~ data_etudes.not_accepted_values
      matches_pattern      ~ data_etudes.matches_pattern
      not_matching_pattern ~ data_etudes.not_matching_pattern
      expression_is_true   ~ data_etudes.expression_is_true
      unique               ~ data_etudes.unique_combination
      not_constant         ~ data_etudes.not_constant
      at_least_one         ~ data_etudes.at_least_one
      recency              ~ data_etudes.recency -#}

{% test quality_gate(model, rules) %}
    {{ return(adapter.dispatch('test_quality_gate', 'data_etudes')(model, rules)) }}
{% endtest %}

{#- Validates `rules` and returns one plan entry per rule: its registry
    entry's pieces, with its index, kind and name. -#}
{% macro _gate_plan(model, rules, sample_strategy='aggregate') %}
    {%- set macro_name = 'quality_gate' -%}
    {%- if rules is string or rules is mapping or rules is not iterable or rules | length == 0 -%}
        {{ data_etudes._argument_error(macro_name, 'rules',
            "a non-empty list of rules such as {rule: not_null, column: id}", rules) }}
    {%- endif -%}
    {%- set registry = data_etudes._gate_rules() -%}
    {%- set plan = [] -%}
    {%- for rule in rules -%}
        {%- set where_ = 'rules[' ~ loop.index0 ~ ']' -%}
        {%- if rule is not mapping -%}
            {{ data_etudes._argument_error(macro_name, where_,
                "a mapping such as {rule: not_null, column: id}", rule) }}
        {%- endif -%}
        {%- set kind = data_etudes._require_one_of(macro_name, where_ ~ '.rule', rule.get('rule'),
            registry.keys() | list) -%}
        {%- set call = data_etudes._rule_call(macro_name, where_, loop.index, sample_strategy, model) -%}
        {%- set entry = registry[kind](model, rule, call) -%}
        {%- do entry.update({'index': loop.index, 'rule': kind,
            'name': rule.get('name', kind ~ '(' ~ (entry.label if entry.label else entry.expected) ~ ')')}) -%}
        {%- do plan.append(entry) -%}
    {%- endfor -%}
    {{ return(plan) }}
{% endmacro %}

{#- The count of extra rows that repeat a value (0 when unique), as
    unique_combination sees them: with null_handling 'equal' NULLs are equal
    values, with 'distinct' a row with a NULL in any of the columns is never a
    duplicate (present_filter leaves it out). One column: count(distinct) in
    the gate's pass. Several: the model grouped by the columns themselves
    (GROUP BY puts NULLs in one group), never a string joined from them, which
    collides (('x|y', 'z') and ('x', 'y|z')). -#}
{% macro _gate_duplicates(model, columns, null_handling, present_filter, index) %}
    {%- if columns | length == 1 and null_handling == 'equal' -%}
        {{- return("count(*) - count(distinct " ~ columns[0] ~ ") - case when count(" ~ columns[0]
            ~ ") < count(*) then 1 else 0 end") -}}
    {%- elif columns | length == 1 -%}
        {{- return("count(" ~ columns[0] ~ ") - count(distinct " ~ columns[0] ~ ")") -}}
    {%- else -%}
        {{- return("(select coalesce(sum(dq_rows - 1), 0) from (select count(*) as dq_rows from " ~ model
            ~ present_filter ~ " group by " ~ columns | join(', ')
            ~ ") as dq_groups_" ~ index ~ ")") -}}
    {%- endif -%}
{% endmacro %}

{#- A sample of values that repeat, evaluated only for a broken rule (on
    PostgreSQL): one column's value, or several columns' values as PostgreSQL's
    record text, ("x|y",z), which quotes a value holding a separator and shows
    NULL as nothing and the empty string as "". -#}
{% macro _gate_duplicate_sample(model, columns, present_filter) %}
    {%- set shown = data_etudes._to_string(columns[0]) if columns | length == 1
        else "cast(row(" ~ columns | join(', ') ~ ") as text)" -%}
    {{- return("(select " ~ shown ~ " from " ~ model ~ present_filter
        ~ " group by " ~ columns | join(', ') ~ " having count(*) > 1 limit 1)") -}}
{% endmacro %}

{#- aggregate(kind, condition, expression): how an adapter counts and samples
    rows that meet a condition inside the single aggregate pass. -#}
{% macro _gate_count_where(condition) %}
    {{- return(adapter.dispatch('_gate_count_where', 'data_etudes')(condition)) -}}
{% endmacro %}

{% macro default___gate_count_where(condition) %}
    {{- return("count(case when " ~ condition ~ " then 1 end)") -}}
{% endmacro %}

{% macro duckdb___gate_count_where(condition) %}
    {{- return("count(*) filter (where " ~ condition ~ ")") -}}
{% endmacro %}

{% macro postgres___gate_count_where(condition) %}
    {{- return("count(*) filter (where " ~ condition ~ ")") -}}
{% endmacro %}

{#- The smallest value of `expression` among rows meeting `condition`. -#}
{% macro _gate_min_where(expression, condition) %}
    {{- return(adapter.dispatch('_gate_min_where', 'data_etudes')(expression, condition)) -}}
{% endmacro %}

{% macro default___gate_min_where(expression, condition) %}
    {{- return("min(case when " ~ condition ~ " then " ~ expression ~ " end)") -}}
{% endmacro %}

{% macro duckdb___gate_min_where(expression, condition) %}
    {{- return("min(" ~ expression ~ ") filter (where " ~ condition ~ ")") -}}
{% endmacro %}

{% macro postgres___gate_min_where(expression, condition) %}
    {{- return("min(" ~ expression ~ ") filter (where " ~ condition ~ ")") -}}
{% endmacro %}

{#- The gate's SQL: every rule's aggregates in one pass, then one row per
    broken rule. sample_strategy:
      'aggregate': samples of row-level rules are min() in the same pass
                   (cheap on a columnar engine);
      'lazy':      samples are scalar subqueries evaluated only for a broken
                   rule (PostgreSQL runs them lazily, so a passing gate is one scan). -#}
{% macro _quality_gate_sql(model, rules, sample_strategy) %}
    {%- set plan = data_etudes._gate_plan(model, rules, sample_strategy) -%}
    {%- set totals = [] -%}
    {%- for entry in plan -%}
        {%- do totals.extend(entry.totals) -%}
    {%- endfor -%}
with

totals as (
    select
    {%- for total in totals %}
        {{ total }},
    {%- endfor %}
        count(*) as dq_row_count
    from {{ model }}
)

{% for entry in plan -%}
        {% if not loop.first %}
union all

    {% endif -%}
select
    {{ data_etudes._string_literal(entry.name) }} as rule_name,
    {{ data_etudes._string_literal(entry.rule) }} as rule_type,
    {{ data_etudes._string_literal(entry.label | replace('"', '')) if entry.label
        else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as column_name,
    {{ entry.failing_count }} as failing_count,
    dq_row_count as row_count,
    {{ entry.sample }} as sample_value,
    {{ data_etudes._string_literal(entry.expected) }} as expected_value,
    {{ entry.reason }} as failure_reason
from totals
where {{ entry.verdict }}
    {% endfor %}
{%- endmacro %}

{% macro default__test_quality_gate(model, rules) %}
    {{ data_etudes._quality_gate_sql(model, rules, 'aggregate') }}
{% endmacro %}

{% macro duckdb__test_quality_gate(model, rules) %}
    {{ data_etudes._quality_gate_sql(model, rules, 'aggregate') }}
{% endmacro %}

{% macro postgres__test_quality_gate(model, rules) %}
    {{ data_etudes._quality_gate_sql(model, rules, 'lazy') }}
{% endmacro %}

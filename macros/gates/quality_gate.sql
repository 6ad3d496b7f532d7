{#- quality_gate: many column rules evaluated in one pass over the model, one
    failing row per broken rule with its failing count and a sample value.
    Each rule gives the same verdict as its single-rule test:
      not_null             ~ dbt's not_null
      null_rate            ~ data_etudes.null_rate
      accepted_range       ~ data_etudes.accepted_range
      accepted_values      ~ data_etudes.in_accepted_values (and dbt's accepted_values)
      matches_pattern      ~ data_etudes.matches_pattern
      not_matching_pattern ~ data_etudes.not_matching_pattern
      unique               ~ data_etudes.unique_combination
      recency              ~ data_etudes.recency -#}

{% test quality_gate(model, rules) %}
{{ return(adapter.dispatch('test_quality_gate', 'data_etudes')(model, rules)) }}
{% endtest %}

{#- Validates `rules` and returns one plan entry per rule. -#}
{% macro _gate_plan(model, rules) %}
{%- set macro_name = 'quality_gate' -%}
    {%- set kinds = ['not_null', 'null_rate', 'accepted_range', 'accepted_values', 'matches_pattern',
        'not_matching_pattern', 'unique', 'recency'] -%}
{%- if rules is string or rules is mapping or rules is not iterable or rules | length == 0 -%}
{{ data_etudes._argument_error(macro_name, 'rules',
    "a non-empty list of rules such as {rule: not_null, column: id}", rules) }}
{%- endif -%}
{%- set plan = [] -%}
{%- for rule in rules -%}
{%- set where_ = 'rules[' ~ loop.index0 ~ ']' -%}
{%- if rule is not mapping -%}
{{ data_etudes._argument_error(macro_name, where_, "a mapping such as {rule: not_null, column: id}", rule) }}
{%- endif -%}
{%- set kind = data_etudes._require_one_of(macro_name, where_ ~ '.rule', rule.get('rule'), kinds) -%}
{%- if kind == 'unique' and rule.get('columns') is not none -%}
            {%- set columns = data_etudes._column_list(macro_name, where_ ~ '.columns', rule.get('columns')) -%}
        {%- else -%}
{%- set columns = [data_etudes._require_string(macro_name, where_ ~ '.column', rule.get('column'))] -%}
{%- endif -%}
{%- set column = columns | join(', ') -%}
        {%- set entry = {
            'index': loop.index, 'rule': kind, 'column': columns[0], 'columns': columns, 'label': column,
            'name': rule.get('name', kind ~ '(' ~ column ~ ')'), 'row_level': false, 'condition': none,
        } -%}
{%- if kind == 'not_null' -%}
            {%- do entry.update({'row_level': true, 'condition': column ~ ' is null', 'expected': 'not null'}) -%}
        {%- elif kind == 'null_rate' -%}
            {%- set max_rate = data_etudes._require_number(macro_name, where_ ~ '.max_rate', rule.get('max_rate'), minimum=0, maximum=1) -%}
            {%- do entry.update({'max_rate': max_rate, 'expected': 'null rate <= ' ~ max_rate}) -%}
        {%- elif kind == 'accepted_range' -%}
            {%- set inclusive = rule.get('inclusive', true) -%}
            {%- do data_etudes._validate_range(macro_name ~ ' ' ~ where_, rule.get('min_value'), rule.get('max_value'), inclusive) -%}
            {%- do entry.update({'row_level': true,
                'condition': data_etudes._range_violation(column, rule.get('min_value'), rule.get('max_value'), inclusive),
                'expected': data_etudes._range_text(rule.get('min_value'), rule.get('max_value'), inclusive)}) -%}
        {%- elif kind == 'accepted_values' -%}
{%- set values = rule.get('values') -%}
            {%- set quote = data_etudes._require_boolean(macro_name, where_ ~ '.quote', rule.get('quote', true)) -%}
            {%- set rendered = data_etudes._value_list(macro_name, where_ ~ '.values', values, quote) -%}
            {%- do entry.update({'row_level': true,
                'condition': data_etudes._accepted_values_violation(column, rendered),
                'expected': 'one of ' ~ values | join(', ')}) -%}
        {%- elif kind in ('matches_pattern', 'not_matching_pattern') -%}
            {%- set pattern = data_etudes._require_string(macro_name, where_ ~ '.pattern', rule.get('pattern')) -%}
            {%- set case_sensitive = data_etudes._require_boolean(macro_name, where_ ~ '.case_sensitive', rule.get('case_sensitive', true)) -%}
            {%- set search = data_etudes._regex_search(data_etudes._to_string(column), pattern, case_sensitive) -%}
            {%- do entry.update({'row_level': true,
                'condition': column ~ ' is not null and ' ~ ('not ' if kind == 'matches_pattern' else '') ~ search,
                'expected': ('matches ' if kind == 'matches_pattern' else 'does not match ') ~ pattern}) -%}
        {%- elif kind == 'unique' -%}
            {%- set null_handling = data_etudes._require_one_of(macro_name, where_ ~ '.null_handling', rule.get('null_handling', 'equal'), ['equal', 'distinct']) -%}
            {%- do entry.update({'null_handling': null_handling, 'expected': 'unique (NULLs ' ~ null_handling ~ ')'}) -%}
        {%- elif kind == 'recency' -%}
{%- set max_age = data_etudes._require_number(macro_name, where_ ~ '.max_age', rule.get('max_age'), minimum=0) -%}
{%- set datepart = data_etudes._datepart(macro_name, where_ ~ '.datepart', rule.get('datepart', 'day')) -%}
{%- set as_of = data_etudes._as_of(macro_name, where_ ~ '.as_of', rule.get('as_of')) -%}
{%- set timezone = data_etudes._timezone(macro_name, where_ ~ '.timezone', rule.get('timezone')) -%}
            {%- do entry.update({
                'cutoff': data_etudes._freshness_cutoff(model, column, max_age, datepart, as_of, timezone),
                'expected': 'newest value at most ' ~ max_age ~ ' ' ~ datepart ~ '(s) old'}) -%}
{%- endif -%}
{%- do plan.append(entry) -%}
{%- endfor -%}
{{ return(plan) }}
{% endmacro %}

{#- The count of extra rows that repeat a value (0 when unique), as
    unique_combination sees them: with null_handling 'equal' NULLs are equal
    values, with 'distinct' a row with a NULL in any of the columns is never a
    duplicate. One column: count(distinct) in the gate's pass. Several: the
    model grouped by the columns themselves (GROUP BY puts NULLs in one group),
    never a string joined from them, which collides (('x|y', 'z') and
    ('x', 'y|z')). -#}
{% macro _gate_duplicates(model, entry) %}
{%- set columns = entry.columns -%}
{%- if columns | length == 1 and entry.null_handling == 'equal' -%}
        {{- return("count(*) - count(distinct " ~ columns[0] ~ ") - case when count(" ~ columns[0] ~ ") < count(*) then 1 else 0 end") -}}
    {%- elif columns | length == 1 -%}
        {{- return("count(" ~ columns[0] ~ ") - count(distinct " ~ columns[0] ~ ")") -}}
    {%- else -%}
        {{- return("(select coalesce(sum(dq_rows - 1), 0) from (select count(*) as dq_rows from " ~ model
            ~ data_etudes._gate_present_filter(entry) ~ " group by " ~ columns | join(', ')
            ~ ") as dq_groups_" ~ entry.index ~ ")") -}}
{%- endif -%}
{% endmacro %}

{#- ' where c1 is not null and ...' for a unique rule whose NULLs are distinct, else ''. -#}
{% macro _gate_present_filter(entry) %}
    {{- return((' where ' ~ entry.columns | join(' is not null and ') ~ ' is not null')
        if entry.null_handling == 'distinct' else '') -}}
{% endmacro %}

{#- A sample of values that repeat, evaluated only for a broken rule (on
    PostgreSQL): one column's value, or several columns' values as PostgreSQL's
    record text, ("x|y",z), which quotes a value holding a separator and shows
    NULL as nothing and the empty string as "". -#}
{% macro _gate_duplicate_sample(model, entry) %}
{%- set columns = entry.columns -%}
{%- set shown = data_etudes._to_string(columns[0]) if columns | length == 1
    else "cast(row(" ~ columns | join(', ') ~ ") as text)" -%}
    {{- return("(select " ~ shown ~ " from " ~ model ~ data_etudes._gate_present_filter(entry)
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

{#- The gate's SQL. sample_strategy:
      'aggregate': samples of row-level rules are min() in the same pass
                   (cheap on a columnar engine);
      'lazy':      samples are scalar subqueries evaluated only for a broken
                   rule (PostgreSQL runs them lazily, so a passing gate is one scan). -#}
{% macro _quality_gate_sql(model, rules, sample_strategy) %}
{%- set plan = data_etudes._gate_plan(model, rules) -%}
with

totals as (
    select
        {% for entry in plan -%}
{% if entry.row_level -%}
{{ data_etudes._gate_count_where(entry.condition) }} as dq_failing_{{ entry.index }},
        {% if sample_strategy == 'aggregate' and entry.rule != 'not_null' -%}
        {{ data_etudes._gate_min_where(entry.column, entry.condition) }} as dq_sample_{{ entry.index }},
        {% endif -%}
        {% elif entry.rule == 'null_rate' -%}
        count(*) - count({{ entry.column }}) as dq_failing_{{ entry.index }},
        {% elif entry.rule == 'unique' -%}
        {{ data_etudes._gate_duplicates(model, entry) }} as dq_failing_{{ entry.index }},
        {% elif entry.rule == 'recency' -%}
max({{ entry.column }}) as dq_sample_{{ entry.index }},
        {% endif -%}
{% endfor -%}
        count(*) as dq_row_count
    from {{ model }}
)

{% for entry in plan %}
{%- if not loop.first %}
union all
{% endif %}
select
    {{ data_etudes._string_literal(entry.name) }} as rule_name,
    {{ data_etudes._string_literal(entry.rule) }} as rule_type,
    {{ data_etudes._string_literal(entry.label | replace('"', '')) }} as column_name,
    {% if entry.rule == 'recency' -%}
    1 as failing_count,
    {%- else -%}
dq_failing_{{ entry.index }} as failing_count,
{%- endif %}
    dq_row_count as row_count,
    {% if entry.rule == 'not_null' or entry.rule == 'null_rate' -%}
    cast(null as {{ dbt.type_string() }}) as sample_value,
    {%- elif entry.rule == 'unique' -%}
{% if sample_strategy == 'lazy' -%}
    {{ data_etudes._gate_duplicate_sample(model, entry) }} as sample_value,
    {%- else -%}
    {#- A columnar engine runs a scalar subquery eagerly: no duplicate sample,
        list the duplicates with data_etudes.unique_combination. -#}
    cast(null as {{ dbt.type_string() }}) as sample_value,
    {%- endif %}
    {%- elif entry.rule == 'recency' or sample_strategy == 'aggregate' -%}
    {{ data_etudes._to_string('dq_sample_' ~ entry.index) }} as sample_value,
    {%- else -%}
    (
        select {{ data_etudes._to_string(entry.column) }} from {{ model }}
        where {{ entry.condition }}
        limit 1
    ) as sample_value,
{%- endif %}
{{ data_etudes._string_literal(entry.expected) }} as expected_value,
    {% if entry.rule == 'null_rate' -%}
    'share of NULLs above max_rate' as failure_reason
    {%- elif entry.rule == 'unique' -%}
    'rows repeat a value that must be unique' as failure_reason
    {%- elif entry.rule == 'recency' -%}
    case when dq_row_count = 0 then 'no rows: nothing has arrived' else 'newest value too old' end as failure_reason
    {%- else -%}
'rows break the rule' as failure_reason
{%- endif %}
from totals
where
    {% if entry.row_level or entry.rule == 'unique' -%}
    dq_failing_{{ entry.index }} > 0
    {%- elif entry.rule == 'null_rate' -%}
    dq_row_count > 0 and dq_failing_{{ entry.index }} > {{ entry.max_rate }} * dq_row_count
    {%- else -%}
(dq_sample_{{ entry.index }} is null or dq_sample_{{ entry.index }} < {{ entry.cutoff }})
{%- endif %}
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

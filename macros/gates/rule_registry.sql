{#- The rule registry: one entry per rule kind, used by quality_gate and by the
    rule's single test alike, so the two cannot disagree.

    An entry is the macro default___gate_rule_<kind>(model, rule, call), found
    by _gate_rule(kind). `rule` is the rule's arguments (a gate rule's
    mapping, or the single test's arguments);
    `call` (made by _rule_call) says who asks: the macro and argument prefix
    that errors name, the rule's index (its aggregates are named
    dq_<what>_<index>) and the gate's sample strategy. It validates the
    arguments and returns a mapping:
      columns, label   the columns judged and how the failing row names them;
      expected         the expected value, as text;
      condition        row-level rules: the predicate of a failing row;
      row_reason       row-level rules: a single test's reason per failing row (SQL);
      totals           the aggregates of the rule in the one pass (`expression as dq_<what>_<index>`),
                       beside count(*) as dq_row_count;
      failing_count, sample, reason, verdict
                       SQL over those aggregates: the failing count, a sample
                       value (text), the reason, and when the rule is broken.
    Adding a kind is one entry here and its line in _gate_rules. -#}

{#- The registry: each kind's entry, found through adapter.dispatch (an
    adapter whose SQL for a rule differs overrides <adapter>___gate_rule_<kind>).
    Each name is written out: dbt finds a test's macros by reading their
    calls, so a dispatch by a computed name would reach no entry. -#}
{% macro _gate_rules() %}
    {{ return({
        'not_null': adapter.dispatch('_gate_rule_not_null', 'data_etudes'),
        'null_rate': adapter.dispatch('_gate_rule_null_rate', 'data_etudes'),
        'accepted_range': adapter.dispatch('_gate_rule_accepted_range', 'data_etudes'),
        'accepted_values': adapter.dispatch('_gate_rule_accepted_values', 'data_etudes'),
        'not_accepted_values': adapter.dispatch('_gate_rule_not_accepted_values', 'data_etudes'),
        'matches_pattern': adapter.dispatch('_gate_rule_matches_pattern', 'data_etudes'),
        'not_matching_pattern': adapter.dispatch('_gate_rule_not_matching_pattern', 'data_etudes'),
        'expression_is_true': adapter.dispatch('_gate_rule_expression_is_true', 'data_etudes'),
        'unique': adapter.dispatch('_gate_rule_unique', 'data_etudes'),
        'not_constant': adapter.dispatch('_gate_rule_not_constant', 'data_etudes'),
        'at_least_one': adapter.dispatch('_gate_rule_at_least_one', 'data_etudes'),
        'recency': adapter.dispatch('_gate_rule_recency', 'data_etudes')
    }) }}
{% endmacro %}

{#- The entry of one kind. -#}
{% macro _gate_rule(kind) %}
    {{ return(data_etudes._gate_rules()[kind]) }}
{% endmacro %}

{#- Who asks an entry: the gate (where = 'rules[0]', the rule's index, the
    sample strategy and the model a lazy sample reads) or a single test
    (macro_name only). -#}
{% macro _rule_call(macro_name, where=none, index=0, strategy='aggregate', model=none) %}
    {{ return({'macro_name': macro_name, 'where': where, 'index': index, 'strategy': strategy, 'model': model,
        'failing': 'dq_failing_' ~ index, 'sample': 'dq_sample_' ~ index}) }}
{% endmacro %}

{#- An argument's name as errors show it: `max_rate`, or `rules[0].max_rate` in the gate. -#}
{% macro _rule_argument(call, name) %}
    {{ return((call.where ~ '.' ~ name) if call.where is not none else name) }}
{% endmacro %}

{#- The one column a rule judges (`column`). -#}
{% macro _rule_column(rule, call) %}
    {{ return(data_etudes._require_string(call.macro_name, data_etudes._rule_argument(call, 'column'),
        rule.get('column'))) }}
{% endmacro %}

{#- A row-level rule: its failing rows are those meeting `condition`; the gate
    counts them and shows one value of `sample` (none: no sample), as an
    aggregate in the pass ('aggregate') or a scalar subquery evaluated only
    for a broken rule ('lazy'). -#}
{% macro _gate_row_rule(call, columns, condition, expected, sample, row_reason=none) %}
    {%- set totals = [data_etudes._gate_count_where(condition) ~ ' as ' ~ call.failing] -%}
    {%- if sample is none -%}
        {%- set shown = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
    {%- elif call.strategy == 'aggregate' -%}
        {%- do totals.append(data_etudes._gate_min_where(sample, condition) ~ ' as ' ~ call.sample) -%}
        {%- set shown = data_etudes._to_string(call.sample) -%}
    {%- else -%}
        {%- set shown = "(\n        select " ~ data_etudes._to_string(sample) ~ " from " ~ call.model
            ~ "\n        where " ~ condition ~ "\n        limit 1\n    )" -%}
    {%- endif -%}
    {{ return({'columns': columns, 'label': columns | join(', '), 'condition': condition, 'expected': expected,
        'row_reason': row_reason, 'totals': totals, 'failing_count': call.failing, 'sample': shown,
        'reason': "'rows break the rule'", 'verdict': call.failing ~ ' > 0'}) }}
{% endmacro %}

{#- A rule judged on aggregates of the whole pass. -#}
{% macro _gate_aggregate_rule(columns, expected, totals, failing_count, sample, reason, verdict) %}
    {{ return({'columns': columns, 'label': columns | join(', '), 'condition': none, 'expected': expected,
        'row_reason': none, 'totals': totals, 'failing_count': failing_count,
        'sample': sample if sample is not none else 'cast(null as ' ~ dbt.type_string() ~ ')',
        'reason': reason, 'verdict': verdict}) }}
{% endmacro %}


{#- not_null ~ dbt's not_null. -#}
{% macro default___gate_rule_not_null(model, rule, call) %}
    {%- set column = data_etudes._rule_column(rule, call) -%}
    {{ return(data_etudes._gate_row_rule(call, [column], column ~ ' is null', 'not null', none)) }}
{% endmacro %}

{#- null_rate ~ data_etudes.null_rate: the share of NULLs is at most max_rate
    and at least min_rate (at least one bound). -#}
{% macro default___gate_rule_null_rate(model, rule, call) %}
    {%- set column = data_etudes._rule_column(rule, call) -%}
    {%- set max_rate, min_rate = rule.get('max_rate'), rule.get('min_rate') -%}
    {%- if max_rate is none and min_rate is none -%}
        {{ data_etudes._argument_error(call.macro_name, data_etudes._rule_argument(call, 'max_rate/min_rate'),
            "at least one bound, a number between 0 and 1", none) }}
    {%- endif -%}
    {%- do data_etudes._require_number(call.macro_name, data_etudes._rule_argument(call, 'max_rate'), max_rate,
        minimum=0, maximum=1, allow_none=true) -%}
    {%- do data_etudes._require_number(call.macro_name, data_etudes._rule_argument(call, 'min_rate'), min_rate,
        minimum=0, maximum=(max_rate if max_rate is not none else 1), allow_none=true) -%}
    {%- set low = none if min_rate is none else min_rate ~ ' * dq_row_count' -%}
    {%- set high = none if max_rate is none else max_rate ~ ' * dq_row_count' -%}
    {%- set bounds = [] -%}
    {%- if min_rate is not none -%}{%- do bounds.append('>= ' ~ min_rate) -%}{%- endif -%}
    {%- if max_rate is not none -%}{%- do bounds.append('<= ' ~ max_rate) -%}{%- endif -%}
    {%- set entry = data_etudes._gate_aggregate_rule([column], 'null rate ' ~ bounds | join(' and '),
        ['count(*) - count(' ~ column ~ ') as ' ~ call.failing], call.failing, none,
        data_etudes._bound_reason(call.failing ~ ' < ' ~ low if low is not none else none,
            'share of NULLs below min_rate', 'share of NULLs above max_rate'),
        'dq_row_count > 0 and ' ~ data_etudes._range_violation(call.failing, low, high, true)) -%}
    {%- do entry.update({'max_rate': max_rate, 'min_rate': min_rate}) -%}
    {{ return(entry) }}
{% endmacro %}

{#- accepted_range ~ data_etudes.accepted_range. -#}
{% macro default___gate_rule_accepted_range(model, rule, call) %}
    {%- set column = data_etudes._rule_column(rule, call) -%}
    {%- set min_value, max_value = rule.get('min_value'), rule.get('max_value') -%}
    {%- set inclusive = rule.get('inclusive', true) -%}
    {%- do data_etudes._validate_range(call.macro_name ~ (' ' ~ call.where if call.where is not none else ''),
        min_value, max_value, inclusive) -%}
    {{ return(data_etudes._gate_row_rule(call, [column],
        data_etudes._range_violation(column, min_value, max_value, inclusive),
        data_etudes._range_text(min_value, max_value, inclusive), column,
        data_etudes._bound_reason(
            column ~ ' ' ~ ('<' if inclusive else '<=') ~ ' ' ~ min_value if min_value is not none else none,
            'below min_value', 'above max_value'))) }}
{% endmacro %}

{#- accepted_values ~ data_etudes.in_accepted_values (and dbt's accepted_values);
    not_accepted_values ~ data_etudes.not_accepted_values. NULLs pass. -#}
{% macro default___gate_rule_accepted_values(model, rule, call) %}
    {{ return(data_etudes._gate_values_rule(rule, call, true)) }}
{% endmacro %}

{% macro default___gate_rule_not_accepted_values(model, rule, call) %}
    {{ return(data_etudes._gate_values_rule(rule, call, false)) }}
{% endmacro %}

{% macro _gate_values_rule(rule, call, accepted) %}
    {%- set column = data_etudes._rule_column(rule, call) -%}
    {%- set values = rule.get('values') -%}
    {%- set quote = data_etudes._require_boolean(call.macro_name, data_etudes._rule_argument(call, 'quote'),
        rule.get('quote', true)) -%}
    {%- set rendered = data_etudes._value_list(call.macro_name, data_etudes._rule_argument(call, 'values'),
        values, quote) -%}
    {{ return(data_etudes._gate_row_rule(call, [column],
        data_etudes._accepted_values_violation(column, rendered, accepted),
        ('one of ' if accepted else 'none of ') ~ values | join(', '), column,
        data_etudes._string_literal('value not in the accepted values' if accepted
            else 'value is one of the values not accepted'))) }}
{% endmacro %}

{#- matches_pattern ~ data_etudes.matches_pattern; not_matching_pattern ~
    data_etudes.not_matching_pattern. NULLs pass. -#}
{% macro default___gate_rule_matches_pattern(model, rule, call) %}
    {{ return(data_etudes._gate_pattern_rule(rule, call, true)) }}
{% endmacro %}

{% macro default___gate_rule_not_matching_pattern(model, rule, call) %}
    {{ return(data_etudes._gate_pattern_rule(rule, call, false)) }}
{% endmacro %}

{% macro _gate_pattern_rule(rule, call, must_match) %}
    {%- set column = data_etudes._rule_column(rule, call) -%}
    {%- set pattern = data_etudes._require_string(call.macro_name, data_etudes._rule_argument(call, 'pattern'),
        rule.get('pattern')) -%}
    {%- set case_sensitive = data_etudes._require_boolean(call.macro_name,
        data_etudes._rule_argument(call, 'case_sensitive'), rule.get('case_sensitive', true)) -%}
    {%- set search = data_etudes._regex_search(data_etudes._to_string(column), pattern, case_sensitive) -%}
    {{ return(data_etudes._gate_row_rule(call, [column],
        column ~ ' is not null and ' ~ ('not ' if must_match else '') ~ search,
        ('matches ' if must_match else 'does not match ') ~ pattern, column,
        data_etudes._string_literal('value does not match the pattern' if must_match
            else 'value matches the forbidden pattern'))) }}
{% endmacro %}

{#- expression_is_true ~ data_etudes.expression_is_true: a boolean SQL
    expression holds on every row; with a column it follows the column
    (`>= 0` reads `column >= 0`). A row where it is NULL passes. -#}
{% macro default___gate_rule_expression_is_true(model, rule, call) %}
    {%- set expression = data_etudes._require_string(call.macro_name,
        data_etudes._rule_argument(call, 'expression'), rule.get('expression')) -%}
    {%- set column = rule.get('column') -%}
    {%- if column is not none -%}
        {%- do data_etudes._rule_column(rule, call) -%}
    {%- endif -%}
    {%- set condition = (column ~ ' ' ~ expression) if column is not none else expression -%}
    {{ return(data_etudes._gate_row_rule(call, [column] if column is not none else [], 'not (' ~ condition ~ ')',
        condition, column, "'expression is false on this row'")) }}
{% endmacro %}

{#- unique ~ data_etudes.unique_combination: `column` or `columns`; with
    null_handling 'equal' NULLs are equal values, with 'distinct' a row with a
    NULL in any of the columns is never a duplicate. -#}
{% macro default___gate_rule_unique(model, rule, call) %}
    {%- if rule.get('columns') is not none -%}
        {%- set columns = data_etudes._column_list(call.macro_name, data_etudes._rule_argument(call, 'columns'),
            rule.get('columns')) -%}
    {%- else -%}
        {%- set columns = [data_etudes._rule_column(rule, call)] -%}
    {%- endif -%}
    {%- set null_handling = data_etudes._require_one_of(call.macro_name,
        data_etudes._rule_argument(call, 'null_handling'), rule.get('null_handling', 'equal'), ['equal', 'distinct']) -%}
    {%- set present_filter = (' where ' ~ columns | join(' is not null and ') ~ ' is not null')
        if null_handling == 'distinct' else '' -%}
    {#- A columnar engine runs a scalar subquery eagerly: no duplicate sample
        there, list the duplicates with data_etudes.unique_combination. -#}
    {%- set sample = data_etudes._gate_duplicate_sample(model, columns, present_filter)
        if call.strategy == 'lazy' else none -%}
    {%- set entry = data_etudes._gate_aggregate_rule(columns, 'unique (NULLs ' ~ null_handling ~ ')',
        [data_etudes._gate_duplicates(model, columns, null_handling, present_filter, call.index)
            ~ ' as ' ~ call.failing],
        call.failing, sample, "'rows repeat a value that must be unique'", call.failing ~ ' > 0') -%}
    {%- do entry.update({'null_handling': null_handling, 'present_filter': present_filter}) -%}
    {{ return(entry) }}
{% endmacro %}

{#- not_constant ~ data_etudes.not_constant: at least two distinct non-NULL
    values; an empty table passes, a column of NULLs only fails. The one value
    is shown as a string (PostgreSQL has no min(boolean)). -#}
{% macro default___gate_rule_not_constant(model, rule, call) %}
    {%- set column = data_etudes._rule_column(rule, call) -%}
    {%- set distinct = 'dq_distinct_' ~ call.index -%}
    {%- set entry = data_etudes._gate_aggregate_rule([column], 'at least 2 distinct non-NULL values',
        ['count(distinct ' ~ column ~ ') as ' ~ distinct,
            'min(' ~ data_etudes._to_string(column) ~ ') as ' ~ call.sample],
        'dq_row_count', call.sample,
        "case when " ~ distinct ~ " = 0 then 'every value is NULL' else 'every non-NULL value is the same' end",
        'dq_row_count > 0 and ' ~ distinct ~ ' < 2') -%}
    {%- do entry.update({'distinct': distinct}) -%}
    {{ return(entry) }}
{% endmacro %}

{#- at_least_one ~ data_etudes.at_least_one: at least one non-NULL value; an
    empty table fails. -#}
{% macro default___gate_rule_at_least_one(model, rule, call) %}
    {%- set column = data_etudes._rule_column(rule, call) -%}
    {{ return(data_etudes._gate_aggregate_rule([column], 'at least 1 non-NULL value',
        ['count(*) - count(' ~ column ~ ') as ' ~ call.failing], call.failing, none,
        "case when dq_row_count = 0 then 'no rows' else 'every value is NULL' end",
        call.failing ~ ' = dq_row_count')) }}
{% endmacro %}

{#- recency ~ data_etudes.recency: the newest value is at most max_age
    datepart old; an empty table fails. -#}
{% macro default___gate_rule_recency(model, rule, call) %}
    {%- set column = data_etudes._rule_column(rule, call) -%}
    {%- set max_age = data_etudes._require_number(call.macro_name, data_etudes._rule_argument(call, 'max_age'),
        rule.get('max_age'), minimum=0) -%}
    {%- set datepart = data_etudes._datepart(call.macro_name, data_etudes._rule_argument(call, 'datepart'),
        rule.get('datepart', 'day')) -%}
    {%- set as_of = data_etudes._as_of(call.macro_name, data_etudes._rule_argument(call, 'as_of'),
        rule.get('as_of')) -%}
    {%- set timezone = data_etudes._timezone(call.macro_name, data_etudes._rule_argument(call, 'timezone'),
        rule.get('timezone')) -%}
    {%- set cutoff = data_etudes._freshness_cutoff(model, column, max_age, datepart, as_of, timezone) -%}
    {%- set entry = data_etudes._gate_aggregate_rule([column],
        'newest value at most ' ~ max_age ~ ' ' ~ datepart ~ '(s) old',
        ['max(' ~ column ~ ') as ' ~ call.sample], '1', data_etudes._to_string(call.sample),
        "case when dq_row_count = 0 then 'no rows: nothing has arrived' else 'newest value too old' end",
        '(' ~ call.sample ~ ' is null or ' ~ call.sample ~ ' < ' ~ cutoff ~ ')') -%}
    {%- do entry.update({'cutoff': cutoff}) -%}
    {{ return(entry) }}
{% endmacro %}

{#- A row-level rule's single test: the failing rows whole, after four context
    columns. `failing_value` is the value shown (none: NULL). -#}
{% macro _row_rule_test(model, column_name, rule, failing_value) %}
    {%- set no_value = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
select
    {{ data_etudes._string_literal(column_name) if column_name is not none else no_value }} as failing_column,
    {{ failing_value if failing_value is not none else no_value }} as failing_value,
    {{ data_etudes._string_literal(rule.expected) }} as expected_value,
    {{ rule.row_reason }} as failure_reason,
    *
from {{ model }}
where {{ rule.condition }}
{%- endmacro %}

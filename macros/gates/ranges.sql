{#- Ranges and sequences: mutually_exclusive_ranges, sequential_values. -#}

{#- mutually_exclusive_ranges: the ranges [lower, upper) of the rows (per
    partition) do not overlap, and gaps between them are allowed, not_allowed
    or required (dbt_utils). Each range is judged against the next one in
    order of lower then upper bound. A row with a NULL bound fails and is left
    out of the ordering; a range must be longer than zero unless
    zero_length_range_allowed. Failing rows are the rows whole, after
    expected_value, failure_reason and next_lower_bound. -#}
{% test mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by=none,
    gaps='allowed', zero_length_range_allowed=false) %}
    {{ return(adapter.dispatch('test_mutually_exclusive_ranges', 'data_etudes')(
        model, lower_bound_column, upper_bound_column, partition_by, gaps, zero_length_range_allowed)) }}
{% endtest %}

{% macro default__test_mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by,
    gaps, zero_length_range_allowed) %}
    {%- set macro_name = 'mutually_exclusive_ranges' -%}
    {%- set lower = data_etudes._require_string(macro_name, 'lower_bound_column', lower_bound_column) -%}
    {%- set upper = data_etudes._require_string(macro_name, 'upper_bound_column', upper_bound_column) -%}
    {%- set partitions = data_etudes._column_list(macro_name, 'partition_by', partition_by, required=false) -%}
    {%- do data_etudes._require_one_of(macro_name, 'gaps', gaps, ['allowed', 'not_allowed', 'required']) -%}
    {%- do data_etudes._require_boolean(macro_name, 'zero_length_range_allowed', zero_length_range_allowed) -%}
    {%- set to_next = {'allowed': '<=', 'not_allowed': '=', 'required': '<'}[gaps] -%}
    {%- set has_null_bound = lower ~ ' is null or ' ~ upper ~ ' is null' -%}
    {%- set window_partition = partitions + ['case when ' ~ has_null_bound ~ ' then 1 else 0 end'] -%}
    {#- The reason a range breaks `to_next` without overlapping (never, when gaps are allowed). -#}
    {%- set gap_reason = {'allowed': 'overlaps the next range', 'not_allowed': 'gap before the next range',
        'required': 'no gap before the next range'}[gaps] -%}
with

bounded as (
    {#- Rows with a NULL bound are a window partition of their own, outside the ordering. -#}
    select
        case when {{ has_null_bound }} then null else lead({{ lower }}) over (
            partition by {{ window_partition | join(', ') }}
            order by {{ lower }}, {{ upper }}
        ) end as next_lower_bound,
        *
    from {{ model }}
),

judged as (
    select
        {{ data_etudes._string_literal(lower ~ (' <= ' if zero_length_range_allowed else ' < ') ~ upper
            ~ ' ' ~ to_next ~ ' next ' ~ lower) }} as expected_value,
        case
            when {{ has_null_bound }} then 'a bound is NULL'
            when not ({{ lower }} {{ '<=' if zero_length_range_allowed else '<' }} {{ upper }})
                then {{ data_etudes._string_literal('lower bound above the upper bound' if zero_length_range_allowed
                    else 'lower bound not below the upper bound') }}
            when next_lower_bound is null then null
            when {{ upper }} > next_lower_bound then 'overlaps the next range'
            when not ({{ upper }} {{ to_next }} next_lower_bound) then {{ data_etudes._string_literal(gap_reason) }}
        end as failure_reason,
        bounded.*
    from bounded
)

select *
from judged
where failure_reason is not null
{%- endmacro %}


{#- sequential_values: ordered by itself (per group), each value is the
    previous one plus `interval` (dbt_utils): a number, or with `datepart` a
    date or timestamp `interval` dateparts later. NULL values are left out; a
    repeated value fails (it is not the previous plus interval). Failing rows
    give the group, the value, the previous value, the expected value and the
    reason. -#}
{% test sequential_values(model, column_name, interval=1, datepart=none, group_by=none) %}
    {{ return(adapter.dispatch('test_sequential_values', 'data_etudes')(
        model, column_name, interval, datepart, group_by)) }}
{% endtest %}

{% macro default__test_sequential_values(model, column_name, interval, datepart, group_by) %}
    {%- set macro_name = 'sequential_values' -%}
    {%- do data_etudes._require_number(macro_name, 'interval', interval, minimum=0) -%}
    {%- if datepart is not none -%}
        {%- do data_etudes._datepart(macro_name, 'datepart', datepart) -%}
        {%- if interval != interval | int -%}
            {{ data_etudes._argument_error(macro_name, 'interval', "a whole number with datepart", interval) }}
        {%- endif -%}
    {%- endif -%}
    {%- set groups = data_etudes._column_list(macro_name, 'group_by', group_by, required=false) -%}
with

windowed as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        lag({{ column_name }}) over (
            {% if groups %}partition by {{ groups | join(', ') }}{% endif %}
            order by {{ column_name }}
        ) as dq_previous_value,
        {{ column_name }} as dq_value
    from {{ model }}
    where {{ column_name }} is not null
),

judged as (
    select
        {% for column in groups %}{{ column }}, {% endfor %}
        dq_value,
        dq_previous_value,
        {{ dbt.dateadd(datepart, interval, 'dq_previous_value') if datepart is not none
            else 'dq_previous_value + ' ~ interval }} as dq_expected_value
    from windowed
    where dq_previous_value is not null
)

select
    {% for column in groups %}{{ column }}, {% endfor %}
    {{ data_etudes._string_literal(column_name) }} as failing_column,
    dq_value as failing_value,
    dq_previous_value as previous_value,
    dq_expected_value as expected_value,
    case
        when dq_value = dq_previous_value then 'value repeats the previous one'
        else {{ data_etudes._string_literal('value is not the previous one plus ' ~ interval
            ~ (' ' ~ datepart ~ '(s)' if datepart is not none else '')) }}
    end as failure_reason
from judged
where dq_value <> dq_expected_value
{%- endmacro %}

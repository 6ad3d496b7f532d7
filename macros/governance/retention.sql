{#- retention: no row is older than the policy allows. -#}

{% test retention(model, field=none, max_age_days=none, as_of=none, timezone=none, column_name=none) %}
    {#- On a column, `field` defaults to that column. -#}
    {{ return(adapter.dispatch('test_retention', 'data_etudes')(
        model, field if field is not none else column_name, max_age_days, as_of, timezone)) }}
{% endtest %}

{% macro default__test_retention(model, field, max_age_days, as_of=none, timezone=none) %}
    {%- set macro_name = 'retention' -%}
    {%- do data_etudes._require_string(macro_name, 'field', field) -%}
    {%- do data_etudes._require_number(macro_name, 'max_age_days', max_age_days, minimum=0) -%}
    {%- set as_of = data_etudes._as_of(macro_name, 'as_of', as_of) -%}
    {%- set timezone = data_etudes._timezone(macro_name, 'timezone', timezone) -%}
with

judged as (
    select
        {{ field }} as dq_field_value,
        {{ data_etudes._freshness_cutoff(model, field, max_age_days, 'day', as_of, timezone) }} as dq_oldest_allowed,
        *
    from {{ model }}
)

select
    {{ data_etudes._string_literal(field) }} as failing_column,
    dq_field_value as failing_value,
    dq_oldest_allowed as expected_value,
    {{ data_etudes._string_literal('row older than the ' ~ max_age_days ~ '-day retention policy') }} as failure_reason,
    judged.*
from judged
where dq_field_value < dq_oldest_allowed
{%- endmacro %}

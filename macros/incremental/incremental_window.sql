{#- incremental_window: the predicate that reprocesses a lookback window. -#}

{% macro incremental_window(column, lookback, datepart='day', relation=none) %}
    {{- return(adapter.dispatch('incremental_window', 'data_etudes')(column, lookback, datepart, relation)) -}}
{% endmacro %}

{% macro default__incremental_window(column, lookback, datepart, relation) %}
    {%- set macro_name = 'incremental_window' -%}
    {%- do data_etudes._require_string(macro_name, 'column', column) -%}
    {%- do data_etudes._require_number(macro_name, 'lookback', lookback, minimum=0) -%}
    {%- do data_etudes._datepart(macro_name, 'datepart', datepart) -%}
    {%- if is_incremental() -%}
        {%- set target_relation = relation if relation is not none else this -%}
        {%- set newest = "(select max(" ~ column ~ ") from " ~ target_relation ~ ")" -%}
        ({{ column }} >= {{ dbt.dateadd(datepart, -1 * lookback, newest) }} or {{ newest }} is null)
    {%- else -%}
        (1 = 1)
    {%- endif -%}
{% endmacro %}

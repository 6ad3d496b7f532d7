{#- incremental_window: the predicate that reprocesses a lookback window.

    On an incremental run the newest loaded value is read once, when the model
    runs, and rendered as a constant of the column's own type:
        event_at_utc >= cast('2025-06-30 12:00:00' as timestamp) - interval '1 day'
    A bare column against a constant lets PostgreSQL use an index on the column
    and DuckDB skip row groups by their min/max; a subquery joined by `or`
    (newest is null) would read the whole source on every run. -#}

{% macro incremental_window(column, lookback, datepart='day', relation=none) %}
    {{- return(adapter.dispatch('incremental_window', 'data_etudes')(column, lookback, datepart, relation)) -}}
{% endmacro %}

{% macro default__incremental_window(column, lookback, datepart, relation) %}
    {%- set macro_name = 'incremental_window' -%}
    {%- do data_etudes._require_string(macro_name, 'column', column) -%}
    {%- do data_etudes._require_number(macro_name, 'lookback', lookback, minimum=0) -%}
    {%- do data_etudes._datepart(macro_name, 'datepart', datepart) -%}
    {%- if not is_incremental() -%}
        (1 = 1)
    {%- else -%}
        {%- set target_relation = relation if relation is not none else this -%}
        {%- set loaded = none if (target_relation is string or not execute) else load_relation(target_relation) -%}
        {%- if loaded is none -%}
            {#- Not a table in the warehouse (a unit test's mocked `this`, or dbt parsing): the newest
                value is read by the query itself. Correct, but no index can serve it. -#}
            {%- set newest = "(select max(" ~ column ~ ") from " ~ target_relation ~ ")" -%}
            ({{ column }} >= {{ dbt.dateadd(datepart, -1 * lookback, newest) }} or {{ newest }} is null)
        {%- else -%}
            {%- set newest = data_etudes._newest_loaded_value(macro_name, column, loaded) -%}
            {%- if newest is none -%}
                (1 = 1)
            {%- else -%}
                ({{ column }} >= {{ dbt.dateadd(datepart, -1 * lookback, newest) }})
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}

{#- The newest value of `column` in a relation of the warehouse, as a SQL
    constant of the column's type (`cast('<text>' as <type>)`); none when the
    relation holds no value yet. -#}
{% macro _newest_loaded_value(macro_name, column, relation) %}
    {%- set found = namespace(data_type=none) -%}
    {%- for existing in adapter.get_columns_in_relation(relation) -%}
        {%- if existing.name | lower == column | lower -%}
            {%- set found.data_type = existing.data_type -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if found.data_type is none -%}
        {{- exceptions.raise_compiler_error(
            macro_name ~ ": the column '" ~ column ~ "' is not in " ~ relation
            ~ ". Pass the event-time column the model writes (the same name in the source and the target).") -}}
    {%- endif -%}
    {%- set query -%}
        select cast(max({{ column }}) as {{ dbt.type_string() }}) as newest from {{ relation }}
    {%- endset -%}
    {%- set newest = run_query(query).columns[0].values()[0] -%}
    {%- if newest is none -%}
        {{- return(none) -}}
    {%- endif -%}
    {{- return("cast(" ~ data_etudes._string_literal(newest) ~ " as " ~ found.data_type ~ ")") -}}
{% endmacro %}

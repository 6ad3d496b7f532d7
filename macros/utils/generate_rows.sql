{#- generate_rows: a row source of n rows (column row_index, 1 to n). -#}

{% macro generate_rows(n) %}
    {{- return(adapter.dispatch('generate_rows', 'data_etudes')(n)) -}}
{% endmacro %}

{% macro _validate_row_count(n) %}
    {%- if n is boolean or n is not number or n != (n | int) or n < 0 -%}
        {{ data_etudes._argument_error('generate_rows', 'n', "a whole number >= 0", n) }}
    {%- endif -%}
{% endmacro %}

{% macro default__generate_rows(n) %}
    {%- do data_etudes._validate_row_count(n) -%}
    {%- if n == 0 -%}
select cast(1 as {{ dbt.type_bigint() }}) as row_index where 1 = 0
    {%- else -%}
        select cast(generated_number as {{ dbt.type_bigint() }}) as row_index
from ({{ dbt.generate_series(n) }}) as dq_series
    {%- endif -%}
{% endmacro %}

{% macro duckdb__generate_rows(n) %}
    {%- do data_etudes._validate_row_count(n) -%}
select cast(range + 1 as bigint) as row_index
from range({{ n | int }})
{%- endmacro %}

{% macro postgres__generate_rows(n) %}
    {%- do data_etudes._validate_row_count(n) -%}
select cast(row_index as bigint) as row_index
from generate_series(1, {{ n | int }}) as dq_series (row_index)
{%- endmacro %}

{% macro spark__generate_rows(n) %}
    {%- do data_etudes._validate_row_count(n) -%}
select cast(id + 1 as bigint) as row_index
from range({{ n | int }})
{%- endmacro %}

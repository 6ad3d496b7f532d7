{#- The integration suite's own checker, independent of the package's code:
    the rows a must-fail test stored (schema <target>_dbt_test__audit, table
    named after the test) equal the expected-failures seed it is attached to,
    compared on the seed's columns as multisets (EXCEPT ALL both ways).
    Numbers compare at 4 decimals, so 0.2 on DuckDB equals 0.2000 on PostgreSQL.
    With expected_count, the stored rows are a subset of the seed and number
    exactly expected_count (for a test configured with `limit`). -#}
{% test stored_failures_match(model, test_name, expected_count=none) %}
    {%- set stored = api.Relation.create(
        database=target.get('database'), schema=target.schema ~ '_dbt_test__audit', identifier=test_name) -%}
    {%- set columns = adapter.get_columns_in_relation(model) if execute else [] -%}
    {%- set projected = [] -%}
    {%- for column in columns -%}
        {%- if column.is_number() or column.data_type | lower in ('double', 'integer', 'bigint') -%}
            {%- do projected.append("cast(" ~ adapter.quote(column.name) ~ " as decimal(38, 4)) as " ~ adapter.quote(column.name)) -%}
        {%- else -%}
            {%- do projected.append("cast(" ~ adapter.quote(column.name) ~ " as " ~ column.data_type ~ ") as " ~ adapter.quote(column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not execute -%}
        select 1 as placeholder where 1 = 0
    {%- else -%}
with

expected_rows as (
    select {{ projected | join(', ') }} from {{ model }}
),

stored_rows as (
    select {{ projected | join(', ') }} from {{ stored }}
),

missing as (
    select * from expected_rows
    except all
    select * from stored_rows
),

unexpected as (
    select * from stored_rows
    except all
    select * from expected_rows
)

{% if expected_count is none %}
select 'expected but not stored' as check_result, * from missing
union all
select 'stored but not expected' as check_result, * from unexpected
{% else %}
select 'stored but not expected' as check_result, * from unexpected
union all
select 'wrong number of stored rows' as check_result, {% for column in columns %}null{% if not loop.last %}, {% endif %}{% endfor %}
from (select count(*) as stored_count from stored_rows) as counted
where stored_count <> {{ expected_count }}
{% endif %}
    {%- endif -%}
{% endtest %}

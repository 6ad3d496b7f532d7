-- The public orders API, as a reader gets it without pinning a version (the
-- latest), serves every order with what its columns promise, compared whole:
-- every column it serves, not only those the three questions read. It must
-- serve the time in UTC (ordered_at_utc), the status as text (order_status:
-- placed, shipped, completed, returned, cancelled or unknown), and the order
-- total and its refunds in US dollars (order_total_usd, refunded_usd); any other
-- column it serves must be one the oracle knows (the platform's orders columns,
-- and ordered_at_oslo, the time on Oslo's wall clock) and equal it
-- (seeds/expected/expected_dme_009__orders_api.csv). One failing row per row
-- missing or unexpected, with both counts; a required column missing, or a
-- column no check can read, is a failing row of its own.
{%- set required = ['order_id', 'ordered_at_utc', 'order_status', 'order_total_usd', 'refunded_usd'] %}
{%- set api = ref('dme_009__orders') %}
{%- set answer = ref('expected_dme_009__orders_api') %}
{%- set compared = [] %}
{%- set unknown = [] %}
{%- set missing = [] %}
{%- set types = {} %}
{%- if execute %}
    {%- for column in adapter.get_columns_in_relation(answer) %}
        {%- do types.update({column.name | lower: column.data_type}) %}
    {%- endfor %}
    {%- set served = [] %}
    {%- for column in adapter.get_columns_in_relation(api) %}
        {%- do served.append(column.name | lower) %}
        {%- if column.name | lower in types %}
            {%- do compared.append(column.name | lower) %}
        {%- else %}
            {%- do unknown.append(column.name | lower) %}
        {%- endif %}
    {%- endfor %}
    {%- for name in required if name not in served %}
        {%- do missing.append(name) %}
    {%- endfor %}
{%- endif %}
{%- set column_problems = [] %}
{%- for name in missing %}
    {%- do column_problems.append((name, 'missing column', 'the orders API must serve this column')) %}
{%- endfor %}
{%- for name in unknown %}
    {%- do column_problems.append((name, 'unknown column',
        'a column no check can read: serve only columns the oracle knows (' ~ (types.keys() | sort | join(', ')) ~ ')')) %}
{%- endfor %}
{%- if not compared %}
    {%- do compared.append('order_id') %}
    {%- do types.update({'order_id': 'integer'}) %}
{%- endif %}

-- Layout and parsing: sqlfluff renders the column loops empty (no warehouse to read the
-- columns from), which no real compile produces.
-- noqa: disable=LT02, PRS
with

expected as (
    select
        {%- for name in compared %}
        {{ name }},
        {%- endfor %}
        1 as is_expected
    from {{ answer }}
),

actual as (
    select
        {%- for name in compared %}
        cast({{ adapter.quote(name) }} as {{ types[name] }}) as {{ name }},
        {%- endfor %}
        0 as is_expected
    from {{ api }}
),

both_sides as (
    select * from expected
    union all
    select * from actual
),

counted as (
    select
        {%- for name in compared %}
        {{ name }},
        {%- endfor %}
        sum(is_expected) as expected_occurrences,
        sum(1 - is_expected) as actual_occurrences
    from both_sides
    group by {% for name in compared %}{{ name }}{% if not loop.last %}, {% endif %}{% endfor %}
),

row_differences as (
    select
        cast(order_id as varchar) as order_id,
        cast(null as varchar) as column_name,
        expected_occurrences,
        actual_occurrences,
        case when expected_occurrences > actual_occurrences then 'missing' else 'unexpected' end as diff_kind,
        case
            when actual_occurrences = 0 then 'row expected from the orders API but absent'
            when expected_occurrences = 0 then 'row served by the orders API but not expected'
            else 'row served a different number of times than expected'
        end as failure_reason
    from counted
    where expected_occurrences <> actual_occurrences
),

column_differences as (
    {%- for name, kind, reason in column_problems %}
    select
        cast(null as varchar) as order_id,
        '{{ name }}' as column_name,
        cast(null as bigint) as expected_occurrences,
        cast(null as bigint) as actual_occurrences,
        '{{ kind }}' as diff_kind,
        '{{ reason }}' as failure_reason
    union all
    {%- endfor %}
    select
        cast(null as varchar) as order_id,
        cast(null as varchar) as column_name,
        cast(null as bigint) as expected_occurrences,
        cast(null as bigint) as actual_occurrences,
        cast(null as varchar) as diff_kind,
        cast(null as varchar) as failure_reason
    where 1 = 0
)

select * from column_differences
union all
select * from row_differences

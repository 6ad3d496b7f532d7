{#- dme_009_api_matches_known_answers: the SQL of DME-009's checks that a public API
    (the orders API, the payments API) serves what the oracle computes, compared
    whole.

    Project-only (macros/project/ is not the package's API): the body of
    tests/etudes/dme_009/orders_api_matches_known_answers.sql and
    tests/etudes/dme_009/payments_api_matches_known_answers.sql. Every column the
    API serves is compared, not only those the three questions read: each must
    be a column of the known answer (`answer`, whose columns are every column
    the API may serve) and hold its values. A failing row is a row missing or
    unexpected (with both counts, keyed by `key`), a `required` column the API
    does not serve, a column no check can read, or, with `api` none, the API
    itself missing (`api_name`: the model a reader refs, named in the reasons). -#}

-- Layout and parsing: sqlfluff lints a macro file's body as rendered outside any call, and
-- renders the column loops empty (no warehouse to read the columns from), which no real
-- compile produces.
-- noqa: disable=LT02, PRS
{% macro dme_009_api_matches_known_answers(api, answer, required, key, api_name) %}
{%- set compared = [] %}
{%- set unknown = [] %}
{%- set missing = [] %}
{%- set types = {} %}
{%- if execute %}
    {%- for column in adapter.get_columns_in_relation(answer) %}
        {%- do types.update({column.name | lower: column.data_type}) %}
    {%- endfor %}
    {%- if api is not none %}
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
{%- endif %}
{%- set column_problems = [] %}
{%- if execute and api is none %}
    {%- do column_problems.append(('', 'missing model',
        'no model ' ~ api_name ~ ' in the project: the API is the model of this name, its latest version what a reader gets')) %}
{%- endif %}
{%- for name in missing %}
    {%- do column_problems.append((name, 'missing column', api_name ~ ' must serve this column')) %}
{%- endfor %}
{%- for name in unknown %}
    {%- do column_problems.append((name, 'unknown column',
        'a column no check can read: serve only columns the oracle knows (' ~ (types.keys() | sort | join(', ')) ~ ')')) %}
{%- endfor %}
{%- if not compared %}
    {%- do compared.append(key) %}
    {%- do types.update({key: 'integer'}) %}
{%- endif %}

with

{%- if api is not none %}

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
    {#- A relation found through the graph is not ref()'d: under `dbt build --empty` the known
        answer reads no rows, so the API must read none either. #}
    {%- if flags.EMPTY %}
    where 1 = 0
    {%- endif %}
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
        cast({{ key }} as varchar) as {{ key }},
        cast(null as varchar) as column_name,
        expected_occurrences,
        actual_occurrences,
        case when expected_occurrences > actual_occurrences then 'missing' else 'unexpected' end as diff_kind,
        case
            when actual_occurrences = 0 then 'row expected from {{ api_name }} but absent'
            when expected_occurrences = 0 then 'row served by {{ api_name }} but not expected'
            else 'row served a different number of times than expected'
        end as failure_reason
    from counted
    where expected_occurrences <> actual_occurrences
),
{%- endif %}

column_differences as (
    {%- for name, kind, reason in column_problems %}
    select
        cast(null as varchar) as {{ key }},
        '{{ name }}' as column_name,
        cast(null as bigint) as expected_occurrences,
        cast(null as bigint) as actual_occurrences,
        '{{ kind }}' as diff_kind,
        '{{ reason }}' as failure_reason
    union all
    {%- endfor %}
    select
        cast(null as varchar) as {{ key }},
        cast(null as varchar) as column_name,
        cast(null as bigint) as expected_occurrences,
        cast(null as bigint) as actual_occurrences,
        cast(null as varchar) as diff_kind,
        cast(null as varchar) as failure_reason
    where 1 = 0
)

select * from column_differences
{%- if api is not none %}
union all
select * from row_differences
{%- endif %}
{% endmacro %}

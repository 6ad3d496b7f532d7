{#- dedupe: the latest row per key, the same result on every adapter. -#}

{#- Splits "a desc, coalesce(b, c)" at top-level commas; accepts a list too. -#}
{% macro _order_terms(macro_name, argument, order_by) %}
{%- if order_by is string -%}
{%- set terms = [] -%}
{%- set ns = namespace(depth=0, current='') -%}
{%- for char in order_by -%}
{%- if char == ',' and ns.depth == 0 -%}
                {%- do terms.append(ns.current | trim) -%}
                {%- set ns.current = '' -%}
            {%- else -%}
{%- if char == '(' -%}{%- set ns.depth = ns.depth + 1 -%}{%- endif -%}
{%- if char == ')' -%}{%- set ns.depth = ns.depth - 1 -%}{%- endif -%}
                {%- set ns.current = ns.current ~ char -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do terms.append(ns.current | trim) -%}
    {%- else -%}
{%- set terms = data_etudes._column_list(macro_name, argument, order_by) -%}
{%- endif -%}
{%- set ordered = [] -%}
{%- for term in terms -%}
{%- if term == '' -%}
{{ data_etudes._argument_error(macro_name, argument,
    "one or more ORDER BY terms such as 'updated_at desc'", order_by) }}
{%- endif -%}
{#- NULLs sort last on every adapter (PostgreSQL puts them first in desc). -#}
{%- do ordered.append(term if ' nulls ' in (' ' ~ term | lower ~ ' ') else term ~ ' nulls last') -%}
{%- endfor -%}
{{ return(ordered) }}
{% endmacro %}

{#- `relation`: a Relation (ref(), source(), this) or, as a string, the name of
    a CTE or table in scope where the select is used ('latest_orders',
    'analytics.orders', '"Orders"'), put after `from` as written. -#}
{% macro _dedupe_source(macro_name, relation) %}
{%- if relation is not none and relation is not string and relation.identifier is defined -%}
{{ return(relation) }}
{%- endif -%}
{%- set name_part = '(?:"[^"]+"|[A-Za-z_][A-Za-z0-9_$]*)' -%}
{%- if relation is not string
    or not modules.re.match('^' ~ name_part ~ '(?:[.]' ~ name_part ~ '){0,2}$', relation | trim) -%}
{{ data_etudes._argument_error(macro_name, 'relation',
    "a relation such as ref('stg_orders'), or the name of a CTE or table as a string such as 'latest_orders'",
    relation) }}
{%- endif -%}
{{ return(relation | trim) }}
{% endmacro %}

{% macro dedupe(relation, key, order_by) %}
{{- return(adapter.dispatch('dedupe', 'data_etudes')(relation, key, order_by)) -}}
{% endmacro %}

{#- Other adapters: a Relation's columns are listed, so the helper rank column
    stays out of the result; a CTE's cannot be introspected, so a name given as
    a string is deduplicated with QUALIFY (Snowflake, BigQuery, Databricks,
    Redshift, DuckDB), which adds no column. -#}
{% macro default__dedupe(relation, key, order_by) %}
{%- set macro_name = 'dedupe' -%}
{%- set source = data_etudes._dedupe_source(macro_name, relation) -%}
{%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
{%- set terms = data_etudes._order_terms(macro_name, 'order_by', order_by) -%}
{%- if source is string -%}
{{ data_etudes._dedupe_qualify(source, keys, terms) }}
{%- else -%}
{%- set columns = data_etudes._columns_of(source) | map(attribute='quoted') | list -%}
{{ data_etudes._dedupe_ranked(source, keys, terms, columns | join(', ') if columns else '*') }}
{%- endif -%}
{%- endmacro %}

{#- The first row per key, `selected` from it (the rank column, dq_dedupe_rank, is in scope). -#}
{% macro _dedupe_ranked(source, keys, terms, selected) %}
select {{ selected }}
from (
    select
        dq_dedupe_source.*,
        row_number() over (partition by {{ keys | join(', ') }} order by {{ terms | join(', ') }}) as dq_dedupe_rank
    from {{ source }} as dq_dedupe_source
) as dq_ranked
where dq_dedupe_rank = 1
{%- endmacro %}

{#- DuckDB and PostgreSQL select * without a helper column: a Relation and a
    CTE name alike. -#}
{% macro duckdb__dedupe(relation, key, order_by) %}
{%- set macro_name = 'dedupe' -%}
{%- set source = data_etudes._dedupe_source(macro_name, relation) -%}
{%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
{%- set terms = data_etudes._order_terms(macro_name, 'order_by', order_by) -%}
{{ data_etudes._dedupe_qualify(source, keys, terms) }}
{%- endmacro %}

{% macro _dedupe_qualify(source, keys, terms) %}
select *
from {{ source }} as dq_dedupe_source
qualify row_number() over (partition by {{ keys | join(', ') }} order by {{ terms | join(', ') }}) = 1
{%- endmacro %}

{% macro postgres__dedupe(relation, key, order_by) %}
{%- set macro_name = 'dedupe' -%}
{%- set source = data_etudes._dedupe_source(macro_name, relation) -%}
{%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
{%- set terms = data_etudes._order_terms(macro_name, 'order_by', order_by) -%}
select distinct on ({{ keys | join(', ') }}) *
from {{ source }} as dq_dedupe_source
order by {{ keys | join(', ') }}, {{ terms | join(', ') }}
{%- endmacro %}

{#- Spark has no QUALIFY and no DISTINCT ON; `* except` drops the helper rank column,
    for a Relation and a CTE name alike. -#}
{% macro spark__dedupe(relation, key, order_by) %}
{%- set macro_name = 'dedupe' -%}
{%- set source = data_etudes._dedupe_source(macro_name, relation) -%}
{%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
{%- set terms = data_etudes._order_terms(macro_name, 'order_by', order_by) -%}
{{ data_etudes._dedupe_ranked(source, keys, terms, '* except (dq_dedupe_rank)') }}
{%- endmacro %}

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

{% macro dedupe(relation, key, order_by) %}
{{- return(adapter.dispatch('dedupe', 'data_etudes')(relation, key, order_by)) -}}
{% endmacro %}

{% macro default__dedupe(relation, key, order_by) %}
{%- set macro_name = 'dedupe' -%}
{%- do data_etudes._require_relation(macro_name, 'relation', relation) -%}
{%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
{%- set terms = data_etudes._order_terms(macro_name, 'order_by', order_by) -%}
{%- set columns = data_etudes._columns_of(relation) | map(attribute='quoted') | list -%}
select {{ columns | join(', ') if columns else '*' }}
from (
    select
        dq_dedupe_source.*,
        row_number() over (partition by {{ keys | join(', ') }} order by {{ terms | join(', ') }}) as dq_dedupe_rank
    from {{ relation }} as dq_dedupe_source
) as dq_ranked
where dq_dedupe_rank = 1
{%- endmacro %}

{% macro duckdb__dedupe(relation, key, order_by) %}
{%- set macro_name = 'dedupe' -%}
{%- do data_etudes._require_relation(macro_name, 'relation', relation) -%}
{%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
{%- set terms = data_etudes._order_terms(macro_name, 'order_by', order_by) -%}
select *
from {{ relation }} as dq_dedupe_source
qualify row_number() over (partition by {{ keys | join(', ') }} order by {{ terms | join(', ') }}) = 1
{%- endmacro %}

{% macro postgres__dedupe(relation, key, order_by) %}
{%- set macro_name = 'dedupe' -%}
{%- do data_etudes._require_relation(macro_name, 'relation', relation) -%}
{%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
{%- set terms = data_etudes._order_terms(macro_name, 'order_by', order_by) -%}
select distinct on ({{ keys | join(', ') }}) *
from {{ relation }} as dq_dedupe_source
order by {{ keys | join(', ') }}, {{ terms | join(', ') }}
{%- endmacro %}

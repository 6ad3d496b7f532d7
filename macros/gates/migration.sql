{#- relations_match: a keyed before/after comparison for migrations, in the
    manner of audit-helper: rows added, removed and changed per column, each
    failing row carrying the count of its kind and a sample of values. -#}

{% test relations_match(model, compare_model, key, exclude_columns=[], columns=none) %}
    {{ return(adapter.dispatch('test_relations_match', 'data_etudes')(
        model, compare_model, key, exclude_columns, columns)) }}
{% endtest %}

{#- A hash of a row's values, used to skip unchanged rows quickly; the column
    comparison that follows decides, so a collision cannot hide a change. -#}
{% macro _row_hash(columns) %}
    {{- return(adapter.dispatch('_row_hash', 'data_etudes')(columns)) -}}
{% endmacro %}

{% macro default___row_hash(columns) %}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(" ~ data_etudes._to_string(column) ~ ", '<dq-null>')") -%}
        {%- do parts.append("'|'") -%}
    {%- endfor -%}
    {%- do parts.append("''") -%}
    {{- return(dbt.hash(dbt.concat(parts))) -}}
{% endmacro %}

{% macro duckdb___row_hash(columns) %}
    {%- if columns | length == 0 -%}{{ return("0") }}{%- endif -%}
    {{- return("hash(" ~ columns | join(', ') ~ ")") -}}
{% endmacro %}

{% macro postgres___row_hash(columns) %}
    {%- if columns | length == 0 -%}{{ return("''") }}{%- endif -%}
    {{- return("md5(cast(row(" ~ columns | join(', ') ~ ") as text))") -}}
{% endmacro %}

{% macro _key_string(keys) %}
    {%- if keys | length == 1 -%}
        {{- return("coalesce(" ~ data_etudes._to_string(keys[0]) ~ ", '<null>')") -}}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- for column in keys -%}
        {%- do parts.append("coalesce(" ~ data_etudes._to_string(column) ~ ", '<null>')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{- return(dbt.concat(parts)) -}}
{% endmacro %}

{% macro default__test_relations_match(model, compare_model, key, exclude_columns, columns) %}
    {%- set macro_name = 'relations_match' -%}
    {%- do data_etudes._require_relation(macro_name, 'compare_model', compare_model) -%}
    {%- set keys = data_etudes._column_list(macro_name, 'key', key) -%}
    {%- set excluded = data_etudes._column_list(macro_name, 'exclude_columns', exclude_columns, required=false) -%}
    {%- set unquoted = [] -%}
    {%- for name in keys + excluded -%}
        {%- do unquoted.append(name | replace('"', '') | lower) -%}
    {%- endfor -%}
    {%- if columns is not none -%}
        {%- set compared = data_etudes._column_list(macro_name, 'columns', columns) -%}
    {%- else -%}
        {%- set compared = [] -%}
        {%- for column in data_etudes._columns_of(compare_model) -%}
            {%- if (column.name | lower) not in unquoted -%}
                {%- do compared.append(column.quoted) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
with

{% for side, relation in [('model', model), ('compare', compare_model)] %}
        {{ side }}_side as (
    select
        {{ data_etudes._key_string(keys) }} as dq_key,
        {{ data_etudes._row_hash(compared) }} as dq_row_hash,
        {% for column in compared -%}
        {{ column }} as dq_c{{ loop.index }},
        {% endfor -%}
    count(*) over (partition by {{ keys | join(', ') }}) as dq_key_rows
    from {{ relation }}
),
{% endfor %}

duplicate_keys as (
    select dq_key, 'model' as dq_side, max(dq_key_rows) as dq_key_rows from model_side where dq_key_rows > 1 group by dq_key
    union all
    select dq_key, 'compare_model' as dq_side, max(dq_key_rows) as dq_key_rows from compare_side where dq_key_rows > 1 group by dq_key
),

joined as (
    select
        coalesce(model_side.dq_key, compare_side.dq_key) as key_value,
        model_side.dq_key as dq_model_key,
        compare_side.dq_key as dq_compare_key,
        case when model_side.dq_row_hash = compare_side.dq_row_hash then 0 else 1 end as dq_hash_differs,
        {% for column in compared -%}
    model_side.dq_c{{ loop.index }} as dq_m{{ loop.index }},
        compare_side.dq_c{{ loop.index }} as dq_p{{ loop.index }},
        {% endfor -%}
        1 as dq_one
    from (
        select * from model_side
        where dq_key not in (select dq_key from duplicate_keys)
    ) as model_side
    full outer join (
        select * from compare_side
        where dq_key not in (select dq_key from duplicate_keys)
    ) as compare_side
        on model_side.dq_key = compare_side.dq_key
),

differences as (
    select
        dq_key as key_value,
        'duplicate_key' as diff_type,
        cast(null as {{ dbt.type_string() }}) as column_name,
        {{ data_etudes._to_string('dq_key_rows') }} as model_value,
        cast(dq_side as {{ dbt.type_string() }}) as compare_value
    from duplicate_keys
    union all
    select
        key_value,
        'added' as diff_type,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as model_value,
        cast(null as {{ dbt.type_string() }}) as compare_value
    from joined
    where dq_compare_key is null
    union all
    select
        key_value,
        'removed' as diff_type,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as model_value,
        cast(null as {{ dbt.type_string() }}) as compare_value
    from joined
    where dq_model_key is null
    {% for column in compared %}
    union all
    select
        key_value,
        'changed' as diff_type,
        {{ data_etudes._string_literal(column | replace('"', '')) }} as column_name,
        {{ data_etudes._to_string('dq_m' ~ loop.index) }} as model_value,
        {{ data_etudes._to_string('dq_p' ~ loop.index) }} as compare_value
    from joined
    where
        dq_model_key is not null
        and dq_compare_key is not null
        and dq_hash_differs = 1
        and not {{ data_etudes._null_safe_equals('dq_m' ~ loop.index, 'dq_p' ~ loop.index) }}
    {% endfor %}
)

select
    diff_type,
    column_name,
    key_value,
    model_value,
    compare_value,
    count(*) over (partition by diff_type, column_name) as rows_with_this_difference,
    case diff_type
        when 'added' then 'key in the model, not in compare_model'
        when 'removed' then 'key in compare_model, not in the model'
        when 'changed' then 'value differs between the model and compare_model'
        else 'key is not unique (model_value: rows, compare_value: side); left out of the comparison'
    end as failure_reason
from differences
{%- endmacro %}

{#- no_pii_values: string columns hold no e-mail addresses, phone numbers or
    payment card numbers. Failing rows name the column and show the value masked. -#}

{% test no_pii_values(model, columns=none) %}
    {{ return(adapter.dispatch('test_no_pii_values', 'data_etudes')(model, columns)) }}
{% endtest %}

{#- The patterns, in the order a value is classified (first match wins). They
    use the RE2 subset, so they behave the same on DuckDB and PostgreSQL. -#}
{% macro _pii_patterns() %}
    {{ return([
        ('email', '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}'),
        ('payment_card', '(^|[^0-9])[0-9]{4}([ -]?[0-9]{4}){2}[ -]?[0-9]{1,7}([^0-9]|$)'),
        ('phone', '(^|[^0-9+])(\\+[0-9]{1,3}[ .-]?)?(\\(?[0-9]{2,4}\\)?[ .-]?)?[0-9]{3,4}[ .-][0-9]{3,4}([^0-9]|$)|\\+[0-9]{9,15}'),
    ]) }}
{% endmacro %}

{% macro default__test_no_pii_values(model, columns) %}
    {%- set macro_name = 'no_pii_values' -%}
    {%- if columns is not none -%}
        {%- set scanned = data_etudes._column_list(macro_name, 'columns', columns) -%}
    {%- else -%}
        {%- set scanned = [] -%}
        {%- for column in data_etudes._columns_of(model) if column.is_string -%}
            {%- do scanned.append(column.quoted) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if scanned | length == 0 -%}
select
    cast(null as {{ dbt.type_string() }}) as failing_column,
    cast(null as {{ dbt.type_string() }}) as pii_kind,
    cast(null as {{ dbt.type_string() }}) as masked_value,
    cast(null as {{ dbt.type_string() }}) as failure_reason
where 1 = 0
    {%- else -%}
        {%- set patterns = data_etudes._pii_patterns() -%}
        {% for column in scanned %}
            {%- set value = data_etudes._to_string(column) -%}
            {%- if not loop.first %}
union all
    {% endif %}
select
    {{ data_etudes._string_literal(column | replace('"', '')) }} as failing_column,
    dq_kind as pii_kind,
    case
        when dq_kind = 'email' then {{ data_etudes.mask_pii('dq_value', 'partial_email') }}
        else {{ data_etudes.mask_pii('dq_value', 'last_four') }}
    end as masked_value,
    {{ dbt.concat(["'value looks like '", "dq_kind"]) }} as failure_reason
from (
    select
        {{ value }} as dq_value,
        case
            {% for kind, pattern in patterns -%}
                when {{ data_etudes._regex_search(value, pattern) }} then {{ data_etudes._string_literal(kind) }}
            {% endfor -%}
        end as dq_kind
    from {{ model }}
    where {{ column }} is not null
) as dq_scanned_{{ loop.index }}
where dq_kind is not null
        {%- endfor %}
    {%- endif -%}
{% endmacro %}

{#- Private helpers that validate a test's or macro's arguments at compile time.
    Each raises a compiler error naming the macro_name, the argument, what it accepts
    and what it got, so a wrong YAML entry is a one-line fix. -#}

{% macro _argument_error(macro_name, argument, accepts, value) %}
    {%- do exceptions.raise_compiler_error(
        "data_etudes." ~ macro_name ~ ": argument `" ~ argument ~ "` accepts " ~ accepts
        ~ "; got " ~ (value | string)[:200] ~ " (" ~ data_etudes._type_name(value) ~ ")"
    ) -%}
{% endmacro %}

{% macro _type_name(value) %}
{%- if value is none -%}none
    {%- elif value is boolean -%}boolean
    {%- elif value is number -%}number
    {%- elif value is string -%}string
    {%- elif value is mapping -%}mapping
    {%- elif value is iterable -%}list
    {%- else -%}object
{%- endif -%}
{% endmacro %}

{#- A column name or list of column names: returns a list, never empty when required. -#}
{% macro _column_list(macro_name, argument, value, required=true) %}
{%- if value is none or (value is string and value | trim == '') -%}
{%- if required -%}
            {{ data_etudes._argument_error(macro_name, argument, "a column name or a non-empty list of column names", value) }}
        {%- endif -%}
        {{ return([]) }}
    {%- elif value is string -%}
        {{ return([value]) }}
    {%- elif value is iterable and value is not mapping -%}
{%- set columns = [] -%}
{%- for item in value -%}
{%- if item is not string or item | trim == '' -%}
{{ data_etudes._argument_error(macro_name, argument, "a column name or a list of column names (strings)", value) }}
{%- endif -%}
{%- do columns.append(item) -%}
{%- endfor -%}
{%- if required and columns | length == 0 -%}
            {{ data_etudes._argument_error(macro_name, argument, "a non-empty list of column names", value) }}
        {%- endif -%}
        {{ return(columns) }}
    {%- else -%}
{{ data_etudes._argument_error(macro_name, argument, "a column name or a list of column names", value) }}
{%- endif -%}
{% endmacro %}

{% macro _require_number(macro_name, argument, value, minimum=none, maximum=none, allow_none=false) %}
{%- if value is none and allow_none -%}
{{ return(value) }}
{%- endif -%}
{%- if value is boolean or value is not number -%}
        {{ data_etudes._argument_error(macro_name, argument, "a number"
            ~ (" >= " ~ minimum if minimum is not none else "")
            ~ (" <= " ~ maximum if maximum is not none else ""), value) }}
{%- endif -%}
{%- if (minimum is not none and value < minimum) or (maximum is not none and value > maximum) -%}
        {{ data_etudes._argument_error(macro_name, argument, "a number"
            ~ (" >= " ~ minimum if minimum is not none else "")
            ~ (" <= " ~ maximum if maximum is not none else ""), value) }}
{%- endif -%}
{{ return(value) }}
{% endmacro %}

{% macro _require_one_of(macro_name, argument, value, choices) %}
{%- if value not in choices -%}
{{ data_etudes._argument_error(macro_name, argument, "one of " ~ (choices | join(", ")), value) }}
{%- endif -%}
{{ return(value) }}
{% endmacro %}

{% macro _require_boolean(macro_name, argument, value) %}
{%- if value is not boolean -%}
{{ data_etudes._argument_error(macro_name, argument, "true or false", value) }}
{%- endif -%}
{{ return(value) }}
{% endmacro %}

{% macro _require_string(macro_name, argument, value) %}
{%- if value is not string or value | trim == '' -%}
{{ data_etudes._argument_error(macro_name, argument, "a non-empty string", value) }}
{%- endif -%}
{{ return(value) }}
{% endmacro %}

{#- A relation: the result of ref()/source(), or a relation-like string. -#}
{% macro _require_relation(macro_name, argument, value) %}
{%- if value is not none and value is not string and value.identifier is defined -%}
{{ return(value) }}
{%- endif -%}
{%- if value is not string or value | trim == '' -%}
{{ data_etudes._argument_error(macro_name, argument,
    "a relation such as ref('model') or source('src', 'table')", value) }}
{%- endif -%}
{{ return(value) }}
{% endmacro %}

{% macro _require_relation_list(macro_name, argument, value) %}
{%- if value is not none and value is not string and value.identifier is defined -%}
{{ data_etudes._argument_error(macro_name, argument,
    "a non-empty list of relations such as [ref('a'), ref('b')]", value) }}
{%- endif -%}
{%- if value is string or value is not iterable or value is mapping -%}
{{ data_etudes._argument_error(macro_name, argument,
    "a non-empty list of relations such as [ref('a'), ref('b')]", value) }}
{%- endif -%}
{%- if value | length == 0 -%}
{{ data_etudes._argument_error(macro_name, argument,
    "a non-empty list of relations such as [ref('a'), ref('b')]", value) }}
{%- endif -%}
{%- for item in value -%}
{%- do data_etudes._require_relation(macro_name, argument ~ "[" ~ loop.index0 ~ "]", item) -%}
{%- endfor -%}
{{ return(value) }}
{% endmacro %}

{#- `as_of`, the instant a freshness test judges age at: none (now, as the
    clock says), a UTC date or timestamp literal ('2025-07-01', '2025-07-01
    12:30:00'; taken as UTC), or a SQL expression of the field's type, used as
    written (it must not start with a digit). Returns none,
    {'literal': '2025-07-01 00:00:00'} (a date gains its midnight) or
    {'expression': '...'}. -#}
{% macro _as_of(macro_name, argument, value) %}
{%- if value is none -%}
{{ return(none) }}
{%- endif -%}
{%- set accepts = "a UTC date or timestamp literal such as '2025-07-01' or '2025-07-01 12:00:00',"
    ~ " or a SQL expression of the field's type such as \"cast('2025-07-01' as timestamp)\"" -%}
{%- if value is not string or value | trim == '' -%}
{{ data_etudes._argument_error(macro_name, argument, accepts, value) }}
{%- endif -%}
{%- set text = value | trim -%}
{%- if text[0] not in '0123456789' -%}
{{ return({'expression': text}) }}
{%- endif -%}
{%- set match = modules.re.match(
    '^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.][0-9]{1,6})?)?)?$', text) -%}
{%- if not match -%}
{{ data_etudes._argument_error(macro_name, argument, accepts, value) }}
{%- endif -%}
{%- set year = match.group(1) | int -%}
{%- set month = match.group(2) | int -%}
{%- set day = match.group(3) | int -%}
{%- set leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 -%}
{%- set month_days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
{%- if month < 1 or month > 12 or day < 1 or day > month_days[month - 1]
    or (match.group(4) or '0') | int > 23 or (match.group(5) or '0') | int > 59
    or (match.group(6) or '0') | int > 59 -%}
{{ data_etudes._argument_error(macro_name, argument, accepts ~ " (a real date and time)", value) }}
{%- endif -%}
{{ return({'literal': (text if match.group(4) else text ~ ' 00:00:00') | replace('T', ' ')}) }}
{% endmacro %}

{#- `timezone`, the wall-clock zone of a naive timestamp column: none (the
    column holds UTC, the default) or an IANA zone name that both DuckDB and
    PostgreSQL know, such as 'America/Los_Angeles' (checked against pytz's list). -#}
{% macro _timezone(macro_name, argument, value) %}
{%- if value is none -%}
{{ return(none) }}
{%- endif -%}
{%- if value is not string or value not in modules.pytz.all_timezones_set -%}
{{ data_etudes._argument_error(macro_name, argument,
    "an IANA time zone name such as 'America/Los_Angeles' (the wall-clock zone of a naive column), or none for UTC",
    value) }}
{%- endif -%}
{{ return(value) }}
{% endmacro %}

{% macro _datepart(macro_name, argument, value) %}
    {{ return(data_etudes._require_one_of(macro_name, argument, value,
        ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'])) }}
{% endmacro %}

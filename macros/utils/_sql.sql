{#- Private SQL building blocks shared by the tests. Each dispatches so an
    adapter can override it; the defaults use ANSI SQL or dbt's cross-database
    macros. -#}

{#- A string literal, single quotes doubled. -#}
{% macro _string_literal(value) %}
    {{- return(adapter.dispatch('_string_literal', 'data_etudes')(value)) -}}
{% endmacro %}

{% macro default___string_literal(value) %}
    {{- return("'" ~ (value | string | replace("'", "''")) ~ "'") -}}
{% endmacro %}

{#- Spark reads a backslash in a literal as an escape: both it and the quote are escaped with one. -#}
{% macro spark___string_literal(value) %}
    {{- return("'" ~ (value | string | replace("\\", "\\\\") | replace("'", "\\'")) ~ "'") -}}
{% endmacro %}

{#- A value rendered as SQL: numbers as they are, strings quoted, none as null. -#}
{% macro _sql_value(value) %}
    {%- if value is none -%}
        {{ return("null") }}
    {%- elif value is boolean -%}
        {{ return("true" if value else "false") }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- else -%}
        {{ return(data_etudes._string_literal(value)) }}
    {%- endif -%}
{% endmacro %}

{#- An expression cast to the warehouse's string type. -#}
{% macro _to_string(expression) %}
    {{- return("cast(" ~ expression ~ " as " ~ dbt.type_string() ~ ")") -}}
{% endmacro %}

{#- NULL-safe equality: NULL equals NULL, and the result is never NULL, so
    `not` of it is true exactly when the values differ. ANSI `is not distinct
    from` (DuckDB, PostgreSQL, Spark, Snowflake, BigQuery, Trino); an adapter
    without it overrides this. Compare values with it, never strings joined
    from them (('x|y', 'z') and ('x', 'y|z') collide). To pair rows by a key,
    prefer a UNION ALL of both sides with GROUP BY or PARTITION BY the key
    columns (NULLs form one group): PostgreSQL cannot hash or merge-join on
    `is not distinct from`, and refuses it in a FULL JOIN. -#}
{% macro _null_safe_equals(left, right) %}
    {{- return(adapter.dispatch('_null_safe_equals', 'data_etudes')(left, right)) -}}
{% endmacro %}

{% macro default___null_safe_equals(left, right) %}
    {{- return("(" ~ left ~ " is not distinct from " ~ right ~ ")") -}}
{% endmacro %}

{#- Regular-expression search (unanchored: anchor with ^ and $), the same
    semantics on DuckDB (RE2) and PostgreSQL (ARE) for the RE2 subset:
    `.` matches a newline on both, no look-around, no back-references. -#}
{% macro _regex_search(expression, pattern, case_sensitive=true) %}
    {{- return(adapter.dispatch('_regex_search', 'data_etudes')(expression, pattern, case_sensitive)) -}}
{% endmacro %}

{% macro default___regex_search(expression, pattern, case_sensitive=true) %}
    {%- if case_sensitive -%}
        {{- return("regexp_like(" ~ expression ~ ", " ~ data_etudes._string_literal(pattern) ~ ")") -}}
    {%- else -%}
        {{- return("regexp_like(" ~ expression ~ ", " ~ data_etudes._string_literal(pattern) ~ ", 'i')") -}}
    {%- endif -%}
{% endmacro %}

{% macro duckdb___regex_search(expression, pattern, case_sensitive=true) %}
    {#- (?s): `.` matches a newline, as in PostgreSQL's default mode. -#}
    {%- set flags = "'s'" if case_sensitive else "'si'" -%}
    {{- return("regexp_matches(" ~ expression ~ ", " ~ data_etudes._string_literal(pattern) ~ ", " ~ flags ~ ")") -}}
{% endmacro %}

{% macro postgres___regex_search(expression, pattern, case_sensitive=true) %}
    {%- set operator = "~" if case_sensitive else "~*" -%}
    {{- return("(" ~ expression ~ " " ~ operator ~ " " ~ data_etudes._string_literal(pattern) ~ ")") -}}
{% endmacro %}

{#- Java's regular expressions (rlike): (?s) so that `.` matches a newline, as elsewhere. -#}
{% macro spark___regex_search(expression, pattern, case_sensitive=true) %}
    {%- set flags = "(?s)" if case_sensitive else "(?si)" -%}
    {{- return("(" ~ expression ~ " rlike " ~ data_etudes._string_literal(flags ~ pattern) ~ ")") -}}
{% endmacro %}

{#- The n-th (1-based) match of `pattern` in `expression`, or NULL when there
    are fewer matches. Matches do not overlap, each search resuming after the last. -#}
{% macro _regex_occurrence(expression, pattern, n) %}
    {{- return(adapter.dispatch('_regex_occurrence', 'data_etudes')(expression, pattern, n)) -}}
{% endmacro %}

{% macro default___regex_occurrence(expression, pattern, n) %}
    {{- return("regexp_substr(" ~ expression ~ ", " ~ data_etudes._string_literal(pattern) ~ ", 1, " ~ n ~ ")") -}}
{% endmacro %}

{% macro duckdb___regex_occurrence(expression, pattern, n) %}
    {{- return("regexp_extract_all(" ~ expression ~ ", " ~ data_etudes._string_literal(pattern) ~ ")[" ~ n ~ "]") -}}
{% endmacro %}

{#- Group 0 is the whole match; try_element_at is NULL past the last one (ANSI mode raises). -#}
{% macro spark___regex_occurrence(expression, pattern, n) %}
    {{- return("try_element_at(regexp_extract_all(" ~ expression ~ ", " ~ data_etudes._string_literal(pattern)
        ~ ", 0), " ~ n ~ ")") -}}
{% endmacro %}

{#- Every match of `pattern` in `expression` replaced by `replacement` (plain text). -#}
{% macro _regex_replace_all(expression, pattern, replacement) %}
    {{- return(adapter.dispatch('_regex_replace_all', 'data_etudes')(expression, pattern, replacement)) -}}
{% endmacro %}

{% macro default___regex_replace_all(expression, pattern, replacement) %}
    {{- return("regexp_replace(" ~ expression ~ ", " ~ data_etudes._string_literal(pattern) ~ ", "
        ~ data_etudes._string_literal(replacement) ~ ")") -}}
{% endmacro %}

{% macro duckdb___regex_replace_all(expression, pattern, replacement) %}
    {{- return("regexp_replace(" ~ expression ~ ", " ~ data_etudes._string_literal(pattern) ~ ", "
        ~ data_etudes._string_literal(replacement) ~ ", 'g')") -}}
{% endmacro %}

{% macro postgres___regex_replace_all(expression, pattern, replacement) %}
    {{- return(data_etudes.duckdb___regex_replace_all(expression, pattern, replacement)) -}}
{% endmacro %}

{#- The values of a string `expression` in a group, sorted, joined by `separator`. -#}
{% macro _sorted_string_agg(expression, separator) %}
    {{- return(adapter.dispatch('_sorted_string_agg', 'data_etudes')(expression, separator)) -}}
{% endmacro %}

{% macro default___sorted_string_agg(expression, separator) %}
    {{- return(dbt.listagg(expression, data_etudes._string_literal(separator), 'order by ' ~ expression)) -}}
{% endmacro %}

{#- Spark's listagg has no order: sort the collected list instead. -#}
{% macro spark___sorted_string_agg(expression, separator) %}
    {{- return("array_join(array_sort(collect_list(" ~ expression ~ ")), "
        ~ data_etudes._string_literal(separator) ~ ")") -}}
{% endmacro %}

{#- The columns of a relation, or of a query (a filtered `model` subquery),
    as a list of {name, quoted, data_type, is_string, is_number}. Empty at parse time. -#}
{% macro _columns_of(relation_or_sql) %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- if relation_or_sql is not string and relation_or_sql.identifier is defined -%}
        {%- set columns = adapter.get_columns_in_relation(relation_or_sql) -%}
    {%- else -%}
        {%- set columns = get_column_schema_from_query("select * from " ~ relation_or_sql) -%}
    {%- endif -%}
    {%- set described = [] -%}
    {%- for column in columns -%}
        {%- set data_type = (column.data_type | string | lower) -%}
        {%- do described.append({
            'name': column.name,
            'quoted': adapter.quote(column.name),
            'data_type': data_type,
            'is_string': column.is_string() or data_type in ('text', 'varchar', 'string') or data_type.startswith('character'),
            'is_number': column.is_number() or data_type in ('integer', 'bigint', 'smallint', 'double', 'float', 'real', 'hugeint', 'tinyint')
                or data_type.startswith('decimal') or data_type.startswith('numeric') or data_type.startswith('double'),
        }) -%}
    {%- endfor -%}
    {{ return(described) }}
{% endmacro %}

{#- Whether `column` of `model` is a timestamp with a time zone. -#}
{% macro _is_timezone_aware(model, column) %}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set probe = "(select " ~ column ~ " as dq_probe from " ~ model ~ ") as dq_probe_query" -%}
    {%- set columns = data_etudes._columns_of(probe) -%}
    {%- if columns | length == 0 -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set data_type = columns[0].data_type -%}
    {#- dbt-postgres names a query's timestamptz column `datetimetz` (its cursor's type). -#}
    {{ return('time zone' in data_type
        or data_type in ('timestamptz', 'timestamp_tz', 'timestamp with time zone', 'datetimetz')) }}
{% endmacro %}

{#- A UTC date or timestamp literal ('2025-07-01 12:00:00', as _as_of validated
    it) as a timestamp, with a time zone (the instant, UTC) or without one (the
    UTC wall clock, as naive columns hold it). -#}
{% macro _utc_timestamp_literal(literal, timezone_aware) %}
    {%- if timezone_aware -%}
        {{- return("cast(" ~ data_etudes._string_literal(literal ~ "+00:00") ~ " as timestamp with time zone)") -}}
    {%- else -%}
        {{- return("cast(" ~ data_etudes._string_literal(literal) ~ " as " ~ dbt.type_timestamp() ~ ")") -}}
    {%- endif -%}
{% endmacro %}

{#- A naive timestamp read as a wall clock in `from_zone`, as the wall clock
    of the same instant in `to_zone` (IANA names); naive in, naive out, whatever
    the session's time zone. -#}
{% macro _convert_wall_clock(expression, from_zone, to_zone) %}
    {{- return(adapter.dispatch('_convert_wall_clock', 'data_etudes')(expression, from_zone, to_zone)) -}}
{% endmacro %}

{% macro default___convert_wall_clock(expression, from_zone, to_zone) %}
    {{- return("convert_timezone(" ~ data_etudes._string_literal(from_zone) ~ ", "
        ~ data_etudes._string_literal(to_zone) ~ ", " ~ expression ~ ")") -}}
{% endmacro %}

{% macro duckdb___convert_wall_clock(expression, from_zone, to_zone) %}
    {#- timezone(zone, timestamp) is the instant of that wall clock in zone;
        timezone(zone, timestamptz) is that instant's wall clock in zone. -#}
    {{- return("timezone(" ~ data_etudes._string_literal(to_zone) ~ ", timezone("
        ~ data_etudes._string_literal(from_zone) ~ ", " ~ expression ~ "))") -}}
{% endmacro %}

{% macro postgres___convert_wall_clock(expression, from_zone, to_zone) %}
    {{- return("((" ~ expression ~ ") at time zone " ~ data_etudes._string_literal(from_zone)
        ~ " at time zone " ~ data_etudes._string_literal(to_zone) ~ ")") -}}
{% endmacro %}

{#- Spark's timestamps are read in the session's time zone: from `from_zone`'s wall clock to UTC's,
    then to `to_zone`'s. -#}
{% macro spark___convert_wall_clock(expression, from_zone, to_zone) %}
    {{- return("from_utc_timestamp(to_utc_timestamp(" ~ expression ~ ", " ~ data_etudes._string_literal(from_zone)
        ~ "), " ~ data_etudes._string_literal(to_zone) ~ ")") -}}
{% endmacro %}

{#- Now, comparable with `column` without an implicit time-zone conversion:
    tz-aware columns compare with current_timestamp, naive ones with the UTC wall clock
    (naive timestamps are taken to be UTC). -#}
{% macro _now_for(model, column) %}
    {{- return(adapter.dispatch('_now_for', 'data_etudes')(model, column)) -}}
{% endmacro %}

{% macro default___now_for(model, column) %}
    {%- if data_etudes._is_timezone_aware(model, column) -%}
        {{ return(dbt.current_timestamp()) }}
    {%- else -%}
        {{ return(dbt.current_timestamp_in_utc_backcompat()) }}
    {%- endif -%}
{% endmacro %}

{% macro duckdb___now_for(model, column) %}
    {%- if data_etudes._is_timezone_aware(model, column) -%}
        {{ return("current_timestamp") }}
    {%- else -%}
        {{ return("cast(timezone('UTC', current_timestamp) as timestamp)") }}
    {%- endif -%}
{% endmacro %}

{% macro postgres___now_for(model, column) %}
    {%- if data_etudes._is_timezone_aware(model, column) -%}
        {{ return("now()") }}
    {%- else -%}
        {{ return("(now() at time zone 'utc')") }}
    {%- endif -%}
{% endmacro %}

{% macro spark___now_for(model, column) %}
    {%- if data_etudes._is_timezone_aware(model, column) -%}
        {{ return("current_timestamp()") }}
    {%- else -%}
        {{ return("to_utc_timestamp(current_timestamp(), current_timezone())") }}
    {%- endif -%}
{% endmacro %}

{#- A column name as the warehouse reports it, for matching names written in
    YAML: quotes removed, lowercased. -#}
{% macro _bare_name(name) %}
    {{- return(name | string | replace('"', '') | replace('`', '') | trim | lower) -}}
{% endmacro %}

{#- The reason a value breaks a two-sided bound: `below_reason` when
    `below_condition` holds, else `above_reason`; one literal when there is no
    lower bound (`below_condition` none). -#}
{% macro _bound_reason(below_condition, below_reason, above_reason) %}
    {%- if below_condition is none -%}
        {{- return(data_etudes._string_literal(above_reason)) -}}
    {%- endif -%}
    {{- return("case when " ~ below_condition ~ " then " ~ data_etudes._string_literal(below_reason)
        ~ " else " ~ data_etudes._string_literal(above_reason) ~ " end") -}}
{% endmacro %}

{#- mask_pii: deterministic masking, so masked keys still join. -#}

{% macro mask_pii(column, strategy='keyed_hash') %}
    {{- return(adapter.dispatch('mask_pii', 'data_etudes')(column, strategy)) -}}
{% endmacro %}

{% macro default__mask_pii(column, strategy) %}
    {%- set macro_name = 'mask_pii' -%}
    {%- do data_etudes._require_string(macro_name, 'column', column) -%}
    {%- do data_etudes._require_one_of(macro_name, 'strategy', strategy,
        ['keyed_hash', 'redact', 'partial_email', 'last_four']) -%}
    {%- set value = data_etudes._to_string(column) -%}
    {%- if strategy == 'keyed_hash' -%}
        {%- set salted = dbt.concat([data_etudes._string_literal(data_etudes._pii_hash_key()), "':'", value]) -%}
        case when {{ column }} is null then null else {{ data_etudes._sha256_hex(salted) }} end
    {%- elif strategy == 'redact' -%}
        case when {{ column }} is null then null else '[redacted]' end
    {%- elif strategy == 'partial_email' -%}
        case
            when {{ column }} is null then null
            when {{ dbt.position("'@'", value) }} > 1
                then {{ dbt.concat([
                    "substring(" ~ value ~ ", 1, 1)",
                    "'***'",
                    dbt.right(value, dbt.length(value) ~ " - " ~ dbt.position("'@'", value) ~ " + 1"),
                ]) }}
            else '[redacted]'
        end
    {%- else -%}
        {%- set digits = data_etudes._digits_only(value) -%}
        case
            when {{ column }} is null then null
            when {{ dbt.length(digits) }} >= 4 then {{ dbt.concat(["'****'", dbt.right(digits, 4)]) }}
            else '****'
        end
    {%- endif -%}
{% endmacro %}

{#- The key for keyed_hash: var data_etudes__pii_hash_key, which defaults to the
    environment variable DATA_ETUDES_PII_KEY. Never write a key in the repository. -#}
{% macro _pii_hash_key() %}
    {%- set key = var('data_etudes__pii_hash_key', env_var('DATA_ETUDES_PII_KEY', '')) -%}
    {%- if (key | string | trim) == '' and execute -%}
        {{ exceptions.raise_compiler_error(
            "data_etudes.mask_pii: strategy `keyed_hash` needs a key: set the environment variable "
            ~ "DATA_ETUDES_PII_KEY or the var `data_etudes__pii_hash_key` (a secret, never committed)") }}
    {%- endif -%}
    {{ return(key | string) }}
{% endmacro %}

{#- SHA-256 as lowercase hex: the same string on DuckDB and PostgreSQL. The
    default falls back to dbt.hash (md5 on most warehouses). -#}
{% macro _sha256_hex(expression) %}
    {{- return(adapter.dispatch('_sha256_hex', 'data_etudes')(expression)) -}}
{% endmacro %}

{% macro default___sha256_hex(expression) %}
    {{- return(dbt.hash(expression)) -}}
{% endmacro %}

{% macro duckdb___sha256_hex(expression) %}
    {{- return("sha256(" ~ expression ~ ")") -}}
{% endmacro %}

{% macro postgres___sha256_hex(expression) %}
    {{- return("encode(sha256(convert_to(" ~ expression ~ ", 'UTF8')), 'hex')") -}}
{% endmacro %}

{% macro spark___sha256_hex(expression) %}
    {{- return("sha2(" ~ expression ~ ", 256)") -}}
{% endmacro %}

{#- Hex text (as _sha256_hex returns) as the base64 text of the same bytes. -#}
{% macro _hex_to_base64(expression) %}
    {{- return(adapter.dispatch('_hex_to_base64', 'data_etudes')(expression)) -}}
{% endmacro %}

{% macro default___hex_to_base64(expression) %}
    {{- return("base64(unhex(" ~ expression ~ "))") -}}
{% endmacro %}

{% macro duckdb___hex_to_base64(expression) %}
    {{- return("to_base64(unhex(" ~ expression ~ "))") -}}
{% endmacro %}

{% macro postgres___hex_to_base64(expression) %}
    {{- return("encode(decode(" ~ expression ~ ", 'hex'), 'base64')") -}}
{% endmacro %}

{#- The digits of a string, every other character removed. -#}
{% macro _digits_only(expression) %}
    {{- return(data_etudes._regex_replace_all(expression, '[^0-9]', '')) -}}
{% endmacro %}

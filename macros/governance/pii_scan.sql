{#- no_pii_values: string columns hold no e-mail addresses, payment card numbers,
    phone numbers or street addresses, nor (given the e-mails to try) a hash of
    an e-mail. Failing rows name the column and show the value masked. -#}

{% test no_pii_values(model, columns=none, known_emails=none, known_emails_column='email') %}
    {{ return(adapter.dispatch('test_no_pii_values', 'data_etudes')(
        model, columns, known_emails, known_emails_column)) }}
{% endtest %}

{#- The patterns. They use the RE2 subset, so they behave the same on DuckDB
    and PostgreSQL; without look-around, a token's edges are matched as
    characters: `(^|[^0-9A-Za-z])` before, `([^0-9A-Za-z]|$)` after, so digits
    inside a longer token of letters and digits (a hex digest) never count. -#}
{% macro _pii_patterns() %}
    {%- set street_suffixes = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Ln',
        'Drive', 'Dr', 'Court', 'Ct', 'Place', 'Pl', 'Square', 'Sq', 'Terrace', 'Parkway', 'Pkwy',
        'Highway', 'Hwy', 'Way', 'Close', 'Crescent'] -%}
    {{ return({
        'email': '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}',
        'long_number': '(^|[^0-9A-Za-z+])[1-9]([ -]?[0-9]){12,}[A-Za-z]*',
        'phone_formatted': '(^|[^0-9A-Za-z+])(\\+[0-9]{1,3}[ .-]?)?(\\(?[0-9]{2,4}\\)?[ .-]?)?[0-9]{3,4}[ .-][0-9]{3,4}([^0-9A-Za-z]|$)',
        'phone_digits': '(^|[^0-9A-Za-z+])(\\+[1-9][0-9]{7,14}|00[1-9][0-9]{7,14}|1?[2-9][0-9]{2}[2-9][0-9]{6}|0[1-9][0-9]{8,9})([^0-9A-Za-z]|$)',
        'street_address': '(^|[^0-9A-Za-z])[0-9]{1,5}[A-Za-z]?( +[A-Z][A-Za-z\'-]*){1,4} +('
            ~ (street_suffixes + (street_suffixes | map('upper') | list)) | join('|')
            ~ ')\\.?([^0-9A-Za-z]|$)',
        'hex_digest': '^[0-9a-f]+$',
        'base64_digest': '^[A-Za-z0-9+/]+={0,2}$',
    }) }}
{% endmacro %}

{#- How many card-length numbers of one value are checked for a card. -#}
{% macro _pii_card_candidates() %}
    {{ return(3) }}
{% endmacro %}

{#- Whether `digits`, 19 digits (a card number with zeros on the left, which add
    nothing), passes the Luhn check: from the right, every second digit is
    doubled (its digits summed: 7 -> 14 -> 5) and the total is a multiple of 10.
    A digit's Luhn value is its position in a lookup string, less one:
    '0123456789' as written, '0516273849' when doubled (5 sits at 1 as
    5 -> 10 -> 1). No cast, so no value can make the query fail. NULL is not valid. -#}
{% macro _luhn_is_valid(digits) %}
    {%- set terms = [] -%}
    {%- for position in range(1, 20) -%}
        {%- set lookup = "'0516273849'" if position is even else "'0123456789'" -%}
        {%- do terms.append("(" ~ dbt.position("substring(" ~ digits ~ ", " ~ position ~ ", 1)", lookup) ~ " - 1)") -%}
    {%- endfor -%}
    {#- The case evaluates the sum only for a candidate: on PostgreSQL `digits`
        is an inlined expression, recomputed at each of its 19 uses. -#}
    {{- return("(case when " ~ digits ~ " is null then false else mod(\n        "
        ~ terms | join("\n        + ") ~ ", 10) = 0 end)") -}}
{% endmacro %}

{#- Every non-NULL value of the scanned columns as text, one row per value
    (failing_column, dq_value), from one pass over the model: each row is
    unfolded into its columns, never the model read once per column. -#}
{% macro _pii_cells(model, columns) %}
    {{- return(adapter.dispatch('_pii_cells', 'data_etudes')(model, columns)) -}}
{% endmacro %}

{% macro default___pii_cells(model, columns) %}
    {%- set cells = [] -%}
    {%- for column in columns -%}
        {%- do cells.append('(' ~ data_etudes._string_literal(column | replace('"', '')) ~ ', '
            ~ data_etudes._to_string(column) ~ ')') -%}
    {%- endfor -%}
select
    dq_cells.failing_column,
    dq_cells.dq_value
from {{ model }}
cross join lateral (
    values
    {{ cells | join(',\n    ') }}
) as dq_cells (failing_column, dq_value)
where dq_cells.dq_value is not null
{%- endmacro %}

{#- DuckDB decorrelates a lateral VALUES into a join on every distinct row;
    unnest of a list of structs unfolds each row where it is read. -#}
{% macro duckdb___pii_cells(model, columns) %}
    {%- set cells = [] -%}
    {%- for column in columns -%}
        {%- do cells.append('struct_pack(failing_column := ' ~ data_etudes._string_literal(column | replace('"', ''))
            ~ ', dq_value := ' ~ data_etudes._to_string(column) ~ ')') -%}
    {%- endfor -%}
select
    dq_unfolded.dq_cell.failing_column as failing_column,
    dq_unfolded.dq_cell.dq_value as dq_value
from (
    select unnest([
        {{ cells | join(',\n        ') }}
    ]) as dq_cell
    from {{ model }}
) as dq_unfolded
where dq_unfolded.dq_cell.dq_value is not null
{%- endmacro %}

{#- Spark evaluates no outer reference inside an inline table; stack() unfolds each row where it is read. -#}
{% macro spark___pii_cells(model, columns) %}
    {%- set cells = [] -%}
    {%- for column in columns -%}
        {%- do cells.append(data_etudes._string_literal(column | replace('"', '') | replace('`', '')) ~ ', '
            ~ data_etudes._to_string(column)) -%}
    {%- endfor -%}
select
    dq_cells.failing_column,
    dq_cells.dq_value
from (
    select stack({{ columns | length }}, {{ cells | join(', ') }}) as (failing_column, dq_value)
    from {{ model }}
) as dq_cells
where dq_cells.dq_value is not null
{%- endmacro %}

{% macro default__test_no_pii_values(model, columns, known_emails, known_emails_column) %}
    {%- set macro_name = 'no_pii_values' -%}
    {%- if known_emails is not none -%}
        {%- do data_etudes._require_relation(macro_name, 'known_emails', known_emails) -%}
        {%- do data_etudes._require_string(macro_name, 'known_emails_column', known_emails_column) -%}
    {%- endif -%}
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
        {%- set candidates = range(1, data_etudes._pii_card_candidates() + 1) -%}
        {%- set card_checks = [] -%}
        {%- for n in candidates -%}
            {%- do card_checks.append(data_etudes._luhn_is_valid('dq_card_digits_' ~ n)) -%}
        {%- endfor -%}
with

dq_values as (
    {{ data_etudes._pii_cells(model, scanned) | indent(4) }}
),

        {%- if known_emails is not none %}
            {%- set email = data_etudes._to_string(known_emails_column) %}

{#- The e-mails to try, as written and trimmed in lowercase, hashed with md5
    and SHA-256, each hash as lowercase hex and as base64. -#}
dq_known_emails as (
    select {{ email }} as email
    from {{ known_emails }}
    where {{ known_emails_column }} is not null
    union
    select lower(trim({{ email }})) as email
    from {{ known_emails }}
    where {{ known_emails_column }} is not null
),

dq_known_email_digests as (
    select
        'md5' as algorithm,
        {{ dbt.hash('email') }} as digest_hex
    from dq_known_emails
    union all
    select
        'sha256' as algorithm,
        {{ data_etudes._sha256_hex('email') }} as digest_hex
    from dq_known_emails
),

dq_known_email_encodings as (
    select
        algorithm,
        'hex' as encoding,
        digest_hex as hash_text
    from dq_known_email_digests
    union all
    select
        algorithm,
        'base64' as encoding,
        {{ data_etudes._hex_to_base64('digest_hex') }} as hash_text
    from dq_known_email_digests
),

dq_known_email_hashes as (
    select
        algorithm,
        encoding,
        hash_text,
        substring(hash_text, 1, 12) as hash_prefix
    from dq_known_email_encodings
),

            {#- Whole values shaped like a digest of 12 characters or more: hex in any case, or base64. -#}
dq_hash_shaped as (
    select
        failing_column,
        dq_value,
        'hex' as encoding,
        lower(trim(dq_value)) as token
    from dq_values
    where
        {{ dbt.length('trim(dq_value)') }} >= 12
        and {{ data_etudes._regex_search('lower(trim(dq_value))', patterns.hex_digest) }}
    union all
    select
        failing_column,
        dq_value,
        'base64' as encoding,
        trim(dq_value) as token
    from dq_values
    where
        {{ dbt.length('trim(dq_value)') }} >= 12
        and {{ data_etudes._regex_search('trim(dq_value)', patterns.base64_digest) }}
),

dq_hash_tokens as (
    select
        failing_column,
        dq_value,
        encoding,
        token,
        substring(token, 1, 12) as token_prefix
    from dq_hash_shaped
),
        {%- endif %}

{#- Numbers of 13 digits or more (single spaces or dashes between groups), each
    with the character before it and any letters glued after it. -#}
dq_long_numbers as (
    select
        failing_column,
        dq_value,
        {% for n in candidates -%}
        {{ data_etudes._regex_occurrence('dq_value', patterns.long_number, n) }} as dq_long_number_{{ n }},
        {% endfor -%}
        {{ data_etudes._regex_replace_all('dq_value', patterns.long_number, '#') }} as dq_value_without_long_numbers
    from dq_values
),

        {#- A card candidate: 13 to 19 digits with no letter glued after them, padded to 19. -#}
dq_card_candidates as (
    select
        failing_column,
        dq_value,
        dq_value_without_long_numbers,
        {% for n in candidates -%}
            {%- set number = 'dq_long_number_' ~ n -%}
            {%- set digits = data_etudes._digits_only(number) -%}
        case
            when {{ data_etudes._regex_search(number, '[0-9]$') }}
                and {{ dbt.length(digits) }} between 13 and 19
                then lpad({{ digits }}, 19, '0')
        end as dq_card_digits_{{ n }}{{ ',' if not loop.last }}
        {% endfor %}
    from dq_long_numbers
),

dq_classified as (
    select
        failing_column,
        dq_value,
        case
            when {{ data_etudes._regex_search('dq_value', patterns.email) }} then 'email'
            when {{ card_checks | join('\n                or ') }} then 'payment_card'
            when {{ data_etudes._regex_search('dq_value_without_long_numbers', patterns.phone_formatted) }}
                or {{ data_etudes._regex_search('dq_value_without_long_numbers', patterns.phone_digits) }} then 'phone'
            when {{ data_etudes._regex_search('dq_value', patterns.street_address) }} then 'street_address'
        end as pii_kind,
        cast(null as {{ dbt.type_string() }}) as dq_hash_kind
    from dq_card_candidates
        {%- if known_emails is not none %}

    union all

    select
        dq_hash_tokens.failing_column,
        dq_hash_tokens.dq_value,
        'email_hash' as pii_kind,
        {{ dbt.concat(['dq_known_email_hashes.algorithm', "' '", 'dq_known_email_hashes.encoding']) }} as dq_hash_kind
    from dq_hash_tokens
    inner join dq_known_email_hashes
        on
            dq_hash_tokens.encoding = dq_known_email_hashes.encoding
            and dq_hash_tokens.token_prefix = dq_known_email_hashes.hash_prefix
    where substring(dq_known_email_hashes.hash_text, 1, {{ dbt.length('dq_hash_tokens.token') }}) = dq_hash_tokens.token
        {%- endif %}
)

select
    failing_column,
    pii_kind,
    case
        when pii_kind = 'email' then {{ data_etudes.mask_pii('dq_value', 'partial_email') }}
        when pii_kind in ('payment_card', 'phone') then {{ data_etudes.mask_pii('dq_value', 'last_four') }}
        else {{ data_etudes.mask_pii('dq_value', 'redact') }}
    end as masked_value,
    case
        when pii_kind = 'email_hash' then {{ dbt.concat(["'value is (the start of) the '", 'dq_hash_kind', "' of a known e-mail'"]) }}
        else {{ dbt.concat(["'value looks like '", 'pii_kind']) }}
    end as failure_reason
from dq_classified
where pii_kind is not null
    {%- endif -%}
{% endmacro %}

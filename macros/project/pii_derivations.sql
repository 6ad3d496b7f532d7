{#- public_values_derived_from_tagged_pii: the SQL of the etudes' check that no
    public model holds personal data in clear or in a shape anyone can turn back.

    Project-only (macros/project/ is not the package's API): the body of
    tests/etudes/dme_010/no_public_value_derives_from_tagged_pii.sql and
    tests/etudes/dme_011/audience_holds_no_value_derived_from_tagged_pii.sql. Read from
    the graph: every model under `folder` with `access: public`, and every
    column tagged `meta: {contains_pii: true}` in the models and sources
    upstream of it. A failing row is a column of a public model holding values
    of a tagged upstream column (trimmed, lower case) as they are; as their
    digits alone (a phone without its separators, with or without its country
    prefix); base64; their unkeyed MD5 or SHA-256 hash, whole or cut short (its
    first 8, 10, 12 or 16 characters); or inside a longer value (a street
    address glued to its postal code and city), for values of 8 characters or
    more. A model of `required_public_models` that is not public is a failing
    row too: a check over "every public model" must not pass because none is. -#}

-- Layout: sqlfluff lints a macro file's body as rendered outside any call, where the
-- template's indentation cannot hold; the SQL each check compiles is what matters.
-- noqa: disable=LT02
{% macro public_values_derived_from_tagged_pii(folder, required_public_models) %}
{%- set public_models = [] %}
{%- set sha256_of_clear_value = "encode(sha256(convert_to(clear_value, 'UTF8')), 'hex')"
    if target.type == 'postgres' else 'sha256(clear_value)' %}
{%- set base64_of_clear_value = "encode(convert_to(clear_value, 'UTF8'), 'base64')"
    if target.type == 'postgres' else 'to_base64(encode(clear_value))' %}
{#- A value's digits alone; and after a leading '+<country code> ' (a national number). #}
{%- set digits_of_clear_value = "regexp_replace(clear_value, '[^0-9]', '', 'g')" %}
{%- set national_digits_of_clear_value =
    "regexp_replace(regexp_replace(clear_value, '^[+][0-9]+[^0-9]', ''), '[^0-9]', '', 'g')" %}
{%- set short_hash_lengths = [8, 10, 12, 16] %}
{%- set pairs = [] %}
{%- set pii_keys = [] %}
{%- set pii_columns = [] %}
{%- if execute %}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model'
        and node.original_file_path.startswith(folder)
        and node.access == 'public' %}
        {%- do public_models.append(node.name) %}
        {#- Every model and source upstream of the public model. -#}
        {%- set seen = [] %}
        {%- set queue = node.depends_on.nodes | list %}
        {%- for _ in range(200) if queue %}
            {%- set unique_id = queue.pop(0) %}
            {%- if unique_id not in seen %}
                {%- do seen.append(unique_id) %}
                {%- set parent = graph.nodes.get(unique_id) or graph.sources.get(unique_id) %}
                {%- if parent and parent.resource_type == 'model' %}
                    {%- do queue.extend(parent.depends_on.nodes) %}
                {%- endif %}
            {%- endif %}
        {%- endfor %}
        {%- set public_relation = adapter.get_relation(node.database, node.schema, node.alias) %}
        {%- if public_relation is not none %}
            {%- for column in adapter.get_columns_in_relation(public_relation) if column.is_string() %}
                {%- for unique_id in seen %}
                    {%- set parent = graph.nodes.get(unique_id) or graph.sources.get(unique_id) %}
                    {%- if parent and parent.resource_type in ('model', 'source') %}
                        {%- for parent_column in parent.columns.values()
                            if (parent_column.meta or {}).get('contains_pii')
                            or ((parent_column.config or {}).get('meta') or {}).get('contains_pii') %}
                            {%- set pii_key = unique_id ~ '.' ~ parent_column.name %}
                            {%- if pii_key not in pii_keys %}
                                {%- do pii_keys.append(pii_key) %}
                                {%- do pii_columns.append({
                                    'label': (parent.name if parent.resource_type == 'model'
                                        else parent.source_name ~ '.' ~ parent.name) ~ '.' ~ parent_column.name,
                                    'relation': parent.relation_name,
                                    'column': parent_column.name,
                                }) %}
                            {%- endif %}
                            {%- do pairs.append({
                                'public_model': node.name,
                                'public_relation': public_relation,
                                'public_column': column.name,
                                'pii_index': pii_keys.index(pii_key) + 1,
                            }) %}
                        {%- endfor %}
                    {%- endif %}
                {%- endfor %}
            {%- endfor %}
        {%- endif %}
    {%- endfor %}
{%- endif %}

with

required_public_models as (
    {%- for name in required_public_models %}
    select '{{ name }}' as public_model
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

missing_public_models as (
    select
        public_model,
        cast(null as varchar) as public_column,
        cast(null as varchar) as pii_column,
        cast(null as varchar) as derivation,
        cast(null as bigint) as matching_values,
        'not a public model: the policy covers it only when it declares access: public' as failure_reason
    from required_public_models
    where public_model not in ({% for name in public_models %}'{{ name }}', {% endfor %}'')
),

{% for pii in pii_columns %}
    pii_{{ loop.index }}_values as (
        select distinct lower(trim(cast({{ adapter.quote(pii.column) }} as varchar))) as clear_value
        from {{ pii.relation }}
        where {{ adapter.quote(pii.column) }} is not null
    ),

    pii_{{ loop.index }} as (
        select
            '{{ pii.label }}' as pii_column,
            'the value in clear' as derivation,
            clear_value as derived_value
        from pii_{{ loop.index }}_values
        union all
        select
            '{{ pii.label }}' as pii_column,
            'its unkeyed md5 hash' as derivation,
            md5(clear_value) as derived_value
        from pii_{{ loop.index }}_values
        union all
        select
            '{{ pii.label }}' as pii_column,
            'its unkeyed sha256 hash' as derivation,
            {{ sha256_of_clear_value }} as derived_value
        from pii_{{ loop.index }}_values
        union all
        select
            '{{ pii.label }}' as pii_column,
            'its base64 encoding' as derivation,
            lower({{ base64_of_clear_value }}) as derived_value
        from pii_{{ loop.index }}_values
        union all
        select
            '{{ pii.label }}' as pii_column,
            'its digits without separators' as derivation,
            {{ digits_of_clear_value }} as derived_value
        from pii_{{ loop.index }}_values
        where length({{ digits_of_clear_value }}) >= 7
        union all
        select
            '{{ pii.label }}' as pii_column,
            'its digits without separators or country prefix' as derivation,
            {{ national_digits_of_clear_value }} as derived_value
        from pii_{{ loop.index }}_values
        where length({{ national_digits_of_clear_value }}) >= 7
        {%- set pii_index = loop.index %}
        {%- for size in short_hash_lengths %}
        union all
        select
            '{{ pii.label }}' as pii_column,
            'its unkeyed md5 hash cut short' as derivation,
            left(md5(clear_value), {{ size }}) as derived_value
        from pii_{{ pii_index }}_values
        union all
        select
            '{{ pii.label }}' as pii_column,
            'its unkeyed sha256 hash cut short' as derivation,
            left({{ sha256_of_clear_value }}, {{ size }}) as derived_value
        from pii_{{ pii_index }}_values
        {%- endfor %}
    ),
{% endfor %}
derived_values as (
    {%- for pair in pairs %}
    select
        '{{ pair.public_model }}' as public_model,
        '{{ pair.public_column }}' as public_column,
        pii.pii_column,
        pii.derivation,
        p.public_value
    from (
        select lower(trim(cast({{ adapter.quote(pair.public_column) }} as varchar))) as public_value
        from {{ pair.public_relation }}
    ) as p
    inner join pii_{{ pair.pii_index }} as pii
        on p.public_value = pii.derived_value
    union all
    select
        '{{ pair.public_model }}' as public_model,
        '{{ pair.public_column }}' as public_column,
        '{{ pii_columns[pair.pii_index - 1].label }}' as pii_column,
        'the value in clear inside a longer value' as derivation,
        p.public_value
    from (
        select distinct lower(trim(cast({{ adapter.quote(pair.public_column) }} as varchar))) as public_value
        from {{ pair.public_relation }}
    ) as p
    inner join pii_{{ pair.pii_index }}_values as pii
        on
            length(pii.clear_value) >= 8
            and length(p.public_value) > length(pii.clear_value)
            and {{ dbt.position('pii.clear_value', 'p.public_value') }} > 0
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
        select
            cast(null as varchar) as public_model,
            cast(null as varchar) as public_column,
            cast(null as varchar) as pii_column,
            cast(null as varchar) as derivation,
            cast(null as varchar) as public_value
        where 1 = 0
    {%- endfor %}
),

leaks as (
    select
        public_model,
        public_column,
        pii_column,
        derivation,
        count(distinct public_value) as matching_values,
        'holds values of a column tagged contains_pii: ' || derivation as failure_reason
    from derived_values
    group by public_model, public_column, pii_column, derivation
)

select * from missing_public_models
union all
select * from leaks
{% endmacro %}

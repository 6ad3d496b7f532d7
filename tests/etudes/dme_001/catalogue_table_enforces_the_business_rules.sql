-- The catalogue table itself refuses rows that break the business rules, whoever
-- writes to it: the warehouse holds NOT NULL on every required column, a UNIQUE
-- (or PRIMARY KEY) constraint on the SKU alone, and CHECK constraints that refuse
-- a price of zero or below and a status outside the three states while accepting
-- every value the rules allow. The CHECK clauses are read from the warehouse's
-- information_schema and evaluated on probe rows, each one valid row with one
-- value changed, exactly at the rules' edges (0.00 and 0.01, a blank status):
-- a constraint `>= 0` is found out by the zero price. One failing row per rule
-- the table's definition does not enforce as the brief states it.
{%- set catalogue = ref('dme_001__catalogue_products') %}
{#- column, probe value (SQL), must the table refuse it? -#}
{%- set probes = [
    ('list_price_usd', '0.00', true),
    ('list_price_usd', '-0.01', true),
    ('list_price_usd', '0.01', false),
    ('list_price_usd', '99999.99', false),
    ('lifecycle_status', "'archived'", true),
    ('lifecycle_status', "'live'", true),
    ('lifecycle_status', "''", true),
    ('lifecycle_status', "'draft'", false),
    ('lifecycle_status', "'active'", false),
    ('lifecycle_status', "'discontinued'", false),
] %}
{%- set valid_row = {
    'product_id': 'cast(1 as integer)',
    'sku': "cast('HG-PROBE' as varchar)",
    'product_name': "cast('Probe' as varchar)",
    'category_id': 'cast(1 as integer)',
    'list_price_usd': 'cast(10.00 as numeric(18, 2))',
    'lifecycle_status': "cast('active' as varchar)",
    'created_at_utc': "cast('2024-01-01 00:00:00' as timestamp)",
} %}
{%- set check_clauses = [] %}
{%- if execute %}
    {%- set found = run_query(
        "select check_constraints.check_clause"
        ~ " from information_schema.table_constraints as table_constraints"
        ~ " inner join information_schema.check_constraints as check_constraints"
        ~ " on table_constraints.constraint_schema = check_constraints.constraint_schema"
        ~ " and table_constraints.constraint_name = check_constraints.constraint_name"
        ~ " where table_constraints.constraint_type = 'CHECK'"
        ~ " and lower(table_constraints.table_schema) = lower('" ~ catalogue.schema ~ "')"
        ~ " and lower(table_constraints.table_name) = lower('" ~ catalogue.identifier ~ "')"
    ) %}
    {%- for clause in found.columns[0].values() %}
        {#- DuckDB writes the clause as CHECK((...)), PostgreSQL as ((...)). -#}
        {%- do check_clauses.append(clause[5:] if clause.upper().startswith('CHECK') else clause) %}
    {%- endfor %}
{%- endif %}

with

required_columns as (
    select 'product_id' as column_name
    union all
    select 'sku' as column_name
    union all
    select 'product_name' as column_name
    union all
    select 'category_id' as column_name
    union all
    select 'list_price_usd' as column_name
    union all
    select 'lifecycle_status' as column_name
),

table_columns as (
    select
        is_nullable,
        lower(column_name) as column_name
    from information_schema.columns
    where
        lower(table_schema) = lower('{{ catalogue.schema }}')
        and lower(table_name) = lower('{{ catalogue.identifier }}')
),

table_constraints as (
    select
        constraint_schema,
        constraint_name,
        constraint_type
    from information_schema.table_constraints
    where
        lower(table_schema) = lower('{{ catalogue.schema }}')
        and lower(table_name) = lower('{{ catalogue.identifier }}')
),

key_columns as (
    select
        table_constraints.constraint_name,
        lower(key_column_usage.column_name) as column_name
    from information_schema.key_column_usage as key_column_usage
    inner join table_constraints
        on
            key_column_usage.constraint_schema = table_constraints.constraint_schema
            and key_column_usage.constraint_name = table_constraints.constraint_name
    where
        table_constraints.constraint_type in ('UNIQUE', 'PRIMARY KEY')
        and lower(key_column_usage.table_schema) = lower('{{ catalogue.schema }}')
        and lower(key_column_usage.table_name) = lower('{{ catalogue.identifier }}')
),

sku_keys as (
    select constraint_name
    from key_columns
    group by constraint_name
    having count(*) = 1 and max(column_name) = 'sku'
),

probes as (
    {%- for column_name, value, must_refuse in probes %}
    select
        '{{ column_name }}' as column_name,
        '{{ value | replace("'", "''") }}' as probe_value,
        {{ must_refuse }} as must_refuse,
        0
        {%- for clause in check_clauses %}
        + case when not ({{ clause }}) then 1 else 0 end
        {%- endfor %} as refusing_constraints
    from (
        select
            {%- for name, default in valid_row.items() %}
            {{ value if name == column_name else default }} as {{ name }}{{ ',' if not loop.last }}
            {%- endfor %}
    ) as probe_row
    {{ 'union all' if not loop.last }}
    {%- endfor %}
),

nullable_columns as (
    select
        'not_null' as missing_rule,
        required_columns.column_name,
        'the column accepts NULL' as failure_reason
    from required_columns
    left join table_columns
        on required_columns.column_name = table_columns.column_name
    where coalesce(table_columns.is_nullable, 'YES') <> 'NO'
),

unkeyed_sku as (
    select
        'unique' as missing_rule,
        'sku' as column_name,
        'no UNIQUE or PRIMARY KEY constraint on sku alone: two rows may share a SKU' as failure_reason
    where not exists (select 1 from sku_keys)
),

misjudged_values as (
    select
        'check' as missing_rule,
        column_name,
        case
            when must_refuse
                then 'no CHECK constraint refuses ' || column_name || ' = ' || probe_value || ', which the rules forbid'
            else 'a CHECK constraint refuses ' || column_name || ' = ' || probe_value || ', which the rules allow'
        end as failure_reason
    from probes
    where
        (must_refuse and refusing_constraints = 0)
        or (not must_refuse and refusing_constraints > 0)
),

final as (
    select * from nullable_columns
    union all
    select * from unkeyed_sku
    union all
    select * from misjudged_values
)

select * from final

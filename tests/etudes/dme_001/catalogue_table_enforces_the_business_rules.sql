-- The catalogue table itself refuses rows that break the business rules, whoever
-- writes to it: the warehouse holds NOT NULL on every required column, a UNIQUE
-- (or PRIMARY KEY) constraint on the SKU alone, and a CHECK constraint on the
-- list price and on the lifecycle status. One failing row per rule the table's
-- definition does not enforce, read from the warehouse's information_schema.
{%- set catalogue = ref('dme_001__catalogue_products') %}

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

checked_columns as (
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

check_columns as (
    select distinct lower(column_usage.column_name) as column_name
    from information_schema.constraint_column_usage as column_usage
    inner join table_constraints
        on
            column_usage.constraint_schema = table_constraints.constraint_schema
            and column_usage.constraint_name = table_constraints.constraint_name
    inner join information_schema.check_constraints as check_constraints
        on
            column_usage.constraint_schema = check_constraints.constraint_schema
            and column_usage.constraint_name = check_constraints.constraint_name
    where
        table_constraints.constraint_type = 'CHECK'
        and lower(column_usage.table_schema) = lower('{{ catalogue.schema }}')
        and lower(column_usage.table_name) = lower('{{ catalogue.identifier }}')
        and lower(check_constraints.check_clause) <> lower(column_usage.column_name) || ' is not null'
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

unchecked_columns as (
    select
        'check' as missing_rule,
        checked_columns.column_name,
        'no CHECK constraint on the column: any value of its type is accepted' as failure_reason
    from checked_columns
    where checked_columns.column_name not in (select check_columns.column_name from check_columns)
),

final as (
    select * from nullable_columns
    union all
    select * from unkeyed_sku
    union all
    select * from unchecked_columns
)

select * from final

-- One row of each portable type, for column_types_are. Each engine names them
-- its own way (PostgreSQL: character varying, numeric(10,2); DuckDB: varchar,
-- decimal(10,2); Spark: string, which has no varchar of no length).
select
    cast(1 as integer) as item_id,
    cast('widget' as {{ 'string' if target.type == 'spark' else 'varchar' }}) as item_name,
    cast('2024-01-01' as date) as listed_on,
    cast(true as boolean) as is_active,
    cast(1.5 as decimal(10, 2)) as price_usd

-- var('bench_rows') generated events over five columns, with a few planted
-- violations so every rule has work to do: 2% NULL e-mails, every 100,003rd
-- e-mail malformed, every 200,003rd amount out of range.
with

generated as (
    select generated_rows.row_index
    from ({{ data_etudes.generate_rows(var('bench_rows')) }}) as generated_rows
)

select
    row_index as event_id,
    case
        when row_index % 200003 = 0 then -1.0
        else cast(row_index % 100000 as {{ dbt.type_numeric() }}) / 100
    end as amount_usd,
    case row_index % 4
        when 0 then 'placed'
        when 1 then 'shipped'
        when 2 then 'returned'
        else 'cancelled'
    end as order_status,
    case
        when row_index % 50 = 0 then null
        when row_index % 100003 = 0 then 'not-an-email'
        else {{ dbt.concat([
            "'user'", dbt.cast('row_index % 100000', dbt.type_string()), "'@example.com'",
        ]) }}
    end as email,
    {{ dbt.dateadd(
        'minute', '-1 * (row_index % 1000)', "cast(timezone('UTC', " ~ dbt.current_timestamp() ~ ") as timestamp)",
    ) }} as created_at_utc
from generated

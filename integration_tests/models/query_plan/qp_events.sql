{{
    config(
        materialized='table',
        indexes=[{'columns': ['event_at']}],
        post_hook="{{ 'analyze ' ~ this if target.type == 'postgres' }}",
    )
}}

-- 20,000 events, one every 10 minutes from 2024-01-01 (139 days), in time order:
-- a day is 144 rows, 0.7% of the table, so a selective plan is the cheap one.
select
    row_source.row_index as event_id,
    {{ dbt.dateadd('minute', '(row_source.row_index - 1) * 10', "cast('2024-01-01' as timestamp)") }} as event_at,
    cast(row_source.row_index % 7 as integer) as kind
from ({{ data_etudes.generate_rows(20000) }}) as row_source
order by row_source.row_index

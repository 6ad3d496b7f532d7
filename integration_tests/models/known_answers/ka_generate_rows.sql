-- Row counts and bounds of generate_rows for n = 0, 1 and 1000.
with

thousand as (
    select generated_rows.row_index from ({{ data_etudes.generate_rows(1000) }}) as generated_rows
),

one as (
    select generated_rows.row_index from ({{ data_etudes.generate_rows(1) }}) as generated_rows
),

none_at_all as (
    select generated_rows.row_index from ({{ data_etudes.generate_rows(0) }}) as generated_rows
),

summarised as (
    select
        1000 as n,
        count(*) as row_count,
        count(distinct row_index) as distinct_rows,
        min(row_index) as min_row_index,
        max(row_index) as max_row_index
    from thousand
    union all
    select
        1 as n,
        count(*) as row_count,
        count(distinct row_index) as distinct_rows,
        min(row_index) as min_row_index,
        max(row_index) as max_row_index
    from one
    union all
    select
        0 as n,
        count(*) as row_count,
        count(distinct row_index) as distinct_rows,
        min(row_index) as min_row_index,
        max(row_index) as max_row_index
    from none_at_all
)

select
    n,
    row_count,
    distinct_rows,
    min_row_index,
    max_row_index
from summarised

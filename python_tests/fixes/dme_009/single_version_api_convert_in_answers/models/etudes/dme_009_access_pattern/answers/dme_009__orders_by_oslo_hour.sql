-- Q3. In 2024, how many orders were placed in each hour of the day, Oslo time?
-- The API serves UTC; the answer converts to Oslo's wall clock (DST included).
with

orders as (
    select * from {{ ref('dme_009__orders') }}
),

in_oslo as (
    select cast((ordered_at_utc at time zone 'UTC') at time zone 'Europe/Oslo' as timestamp) as ordered_at_oslo
    from orders
)

select
    cast(extract(hour from ordered_at_oslo) as integer) as order_hour_oslo,
    cast(count(*) as bigint) as order_count
from in_oslo
where extract(year from ordered_at_oslo) = 2024
group by 1

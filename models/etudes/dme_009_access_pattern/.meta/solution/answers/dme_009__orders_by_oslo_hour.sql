-- Q3. In 2024, how many orders were placed in each hour of the day, Oslo time?
with

orders as (
    select * from {{ ref('dme_009__orders') }}
),

orders_2024 as (
    select cast(extract(hour from ordered_at_oslo) as integer) as order_hour_oslo
    from orders
    where
        ordered_at_oslo >= cast('2024-01-01' as timestamp)
        and ordered_at_oslo < cast('2025-01-01' as timestamp)
),

final as (
    select
        order_hour_oslo,
        cast(count(*) as bigint) as order_count
    from orders_2024
    group by order_hour_oslo
)

select * from final

-- Version 2 of the customer value mart: version 1 plus retention. The cohorts
-- are joined with a left join, so a customer without a revenue order keeps
-- its row, with no cohort and no repeat.
with

customer_value as (
    select * from {{ ref('dme_011__customer_ltv', v=1) }}
),

order_revenue as (
    select * from {{ ref('dme_011__order_revenue') }}
),

cohorts as (
    select
        customer_id,
        min(ordered_at_utc) as first_order_at_utc,
        count(*) as revenue_orders
    from order_revenue
    where is_revenue_order
    group by customer_id
),

final as (
    select
        customer_value.customer_id,
        customer_value.country_code,
        customer_value.tier,
        customer_value.is_marketing_opt_in,
        customer_value.signed_up_at_utc,
        customer_value.first_order_at_utc,
        customer_value.last_order_at_utc,
        customer_value.order_count,
        customer_value.lifetime_value_usd,
        cast({{ dbt.date_trunc('month', 'cohorts.first_order_at_utc') }} as date) as first_order_month,
        coalesce(cohorts.revenue_orders >= 2, false) as is_repeat_customer
    from customer_value
    left join cohorts
        on customer_value.customer_id = cohorts.customer_id
)

select * from final

-- Version 2 of the customer value mart: version 1's customers and columns,
-- unchanged, plus retention: the month of the first revenue order (the
-- customer's cohort) and whether the customer came back for a second one.
-- A customer without a revenue order stays, with no cohort and no repeat.
with

customer_value as (
    select * from {{ ref('dme_011__customer_ltv', v=1) }}
),

final as (
    select
        customer_id,
        country_code,
        tier,
        is_marketing_opt_in,
        signed_up_at_utc,
        first_order_at_utc,
        last_order_at_utc,
        order_count,
        lifetime_value_usd,
        cast({{ dbt.date_trunc('month', 'first_order_at_utc') }} as date) as first_order_month,
        order_count >= 2 as is_repeat_customer
    from customer_value
)

select * from final

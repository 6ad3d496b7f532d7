-- DME-009, question 1 of the business review, as asked:
--   "What was net revenue, in US dollars, per month of 2024?"
-- Net revenue: the revenue orders (placed, shipped, completed, returned) placed
-- in the UTC month, their total (items plus shipping) less their refunds.
-- The answer is the model dme_009__net_revenue_by_month; compile this analysis
-- and run it, or `dbt show --select dme_009_q1_net_revenue_by_month`.
select
    revenue_month,
    net_revenue_usd
from {{ ref('dme_009__net_revenue_by_month') }}
order by revenue_month

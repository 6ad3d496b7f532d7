-- DME-009, question 3 of the business review, as asked:
--   "In 2024, how many orders were placed in each hour of the day, Oslo time?"
-- Customer service staffs its Oslo desk by these figures: every order placed in
-- 2024 on Oslo's calendar, any status, in the hour Oslo's wall clock showed.
-- The answer is the model dme_009__orders_by_oslo_hour.
select
    order_hour_oslo,
    order_count
from {{ ref('dme_009__orders_by_oslo_hour') }}
order by order_hour_oslo

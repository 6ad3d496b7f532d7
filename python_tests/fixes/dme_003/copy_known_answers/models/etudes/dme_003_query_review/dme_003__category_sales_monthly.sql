-- Merchandising's monthly view, copied from the known answer the check
-- compares it with (the seed's columns have the contract's types).
select
    category_id,
    category_name,
    sales_month,
    order_count,
    units_sold,
    revenue_usd
from {{ ref('expected_dme_003__category_sales_monthly') }}

-- Private to gg_sales: the orders with a customer and an amount.
select
    order_id,
    customer_id,
    status,
    amount_usd
from {{ ref('fx_orders') }}
where customer_id is not null and amount_usd is not null

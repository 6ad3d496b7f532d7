-- A consumer in gg_finance: reads gg_sales only through its public model.
select
    status,
    count(*) as orders
from {{ ref('gg_orders') }}
group by status

-- ak_tolerance_actual with every amount off by 0.01: equal within 0.05.
select
    cast(tolerance_rows.t1 as {{ dbt.type_string() }}) as t1,
    cast(tolerance_rows.t2 as {{ dbt.type_string() }}) as t2,
    cast(tolerance_rows.amount_usd as numeric(10, 2)) as amount_usd
from (
    values
    ('a|', 'b', 2.01),
    ('a', '|b', 0.99),
    ('', null, 5.01),
    (null, '', 5.99)
) as tolerance_rows (t1, t2, amount_usd)

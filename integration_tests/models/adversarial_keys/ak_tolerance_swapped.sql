-- ak_tolerance_actual's amounts swapped between the look-alike text columns:
-- paired by their text columns exactly, no row matches within any tolerance below 1.
select
    cast(tolerance_rows.t1 as {{ dbt.type_string() }}) as t1,
    cast(tolerance_rows.t2 as {{ dbt.type_string() }}) as t2,
    cast(tolerance_rows.amount_usd as numeric(10, 2)) as amount_usd
from (
    values
    ('a|', 'b', 1),
    ('a', '|b', 2),
    ('', null, 6),
    (null, '', 5)
) as tolerance_rows (t1, t2, amount_usd)

-- Rows whose text columns collide once joined into one string ('a|' + 'b' and
-- 'a' + '|b'), and an empty string beside a NULL ('' + NULL and NULL + '').
select
    cast(tolerance_rows.t1 as {{ dbt.type_string() }}) as t1,
    cast(tolerance_rows.t2 as {{ dbt.type_string() }}) as t2,
    cast(tolerance_rows.amount_usd as numeric(10, 2)) as amount_usd
from (
    values
    ('a|', 'b', 2),
    ('a', '|b', 1),
    ('', null, 5),
    (null, '', 6)
) as tolerance_rows (t1, t2, amount_usd)

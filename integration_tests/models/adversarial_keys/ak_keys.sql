-- Two-column keys that collide once joined into one string, all distinct as
-- columns: ('x|y', 'z') and ('x', 'y|z') joined with '|'; the text '<null>'
-- and a real NULL; an empty string and a NULL, in either key column.
select
    cast(key_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(key_rows.k2 as {{ dbt.type_string() }}) as k2,
    cast(key_rows.label_text as {{ dbt.type_string() }}) as label_text,
    cast(key_rows.amount_usd as numeric(10, 2)) as amount_usd
from (
    values
    ('x|y', 'z', 'p', 1),
    ('x', 'y|z', 'q', 2),
    ('<null>', 'n', 'r', 3),
    (null, 'n', 's', 4),
    ('', 'e', 't', 5),
    (null, 'e', 'u', 6),
    ('w', '', 'v', 7),
    ('w', null, null, 8)
) as key_rows (k1, k2, label_text, amount_usd)

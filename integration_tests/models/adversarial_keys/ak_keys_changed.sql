-- ak_keys after a change, on the same adversarial keys: ('x', 'y|z') and
-- ('', 'e') and ('w', NULL) change their label_text (to 'Q', to NULL, to ''),
-- (NULL, 'n') is removed (its look-alike ('<null>', 'n') stays) and
-- (NULL, NULL) is added.
select
    cast(key_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(key_rows.k2 as {{ dbt.type_string() }}) as k2,
    cast(key_rows.label_text as {{ dbt.type_string() }}) as label_text,
    cast(key_rows.amount_usd as numeric(10, 2)) as amount_usd
from (
    values
    ('x|y', 'z', 'p', 1),
    ('x', 'y|z', 'Q', 2),
    ('<null>', 'n', 'r', 3),
    ('', 'e', null, 5),
    (null, 'e', 'u', 6),
    ('w', '', 'v', 7),
    ('w', null, '', 8),
    (null, null, 'added', 9)
) as key_rows (k1, k2, label_text, amount_usd)

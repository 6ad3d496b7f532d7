-- ak_keys with two real duplicates of the key (k1, k2): ('x|y', 'z') again,
-- and (NULL, 'n') again (a duplicate when NULLs are equal, not when distinct).
select
    k1,
    k2,
    label_text,
    amount_usd
from {{ ref('ak_keys') }}
union all
select
    'x|y' as k1,
    'z' as k2,
    'p2' as label_text,
    10 as amount_usd
union all
select
    null as k1,
    'n' as k2,
    's2' as label_text,
    11 as amount_usd

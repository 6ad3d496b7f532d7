-- A faulty output of ak_keys: ('x', 'y|z') and (NULL, 'n') are lost (their
-- look-alikes ('x|y', 'z') and ('<null>', 'n') land), ('', 'e') lands twice.
select
    k1,
    k2,
    label_text,
    amount_usd
from {{ ref('ak_keys') }}
where amount_usd not in (2, 4)
union all
select
    k1,
    k2,
    label_text,
    amount_usd
from {{ ref('ak_keys') }}
where amount_usd = 5

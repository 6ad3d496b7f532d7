-- The other output of ak_keys: the rows above 4 US dollars.
select
    k1,
    k2,
    label_text,
    amount_usd
from {{ ref('ak_keys') }}
where amount_usd > 4

-- One output of ak_keys: the rows up to 4 US dollars (ak_keys_high holds the rest).
select
    k1,
    k2,
    label_text,
    amount_usd
from {{ ref('ak_keys') }}
where amount_usd <= 4

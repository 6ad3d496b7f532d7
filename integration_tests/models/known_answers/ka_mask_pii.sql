-- Every mask_pii strategy over values with NULLs and quotes.
select
    value_id,
    {{ data_etudes.mask_pii('raw_value', 'keyed_hash') }} as keyed_hash,
    {{ data_etudes.mask_pii('raw_value', 'redact') }} as redacted,
    {{ data_etudes.mask_pii('raw_value', 'partial_email') }} as partial_email,
    {{ data_etudes.mask_pii('raw_value', 'last_four') }} as last_four
from {{ ref('fx_pii_values') }}

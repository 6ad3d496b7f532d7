-- The e-mail (and every column tagged `meta: {contains_pii: true}` upstream)
-- never appears in the public marketing audience in clear, nor in a shape
-- anyone can turn back into it without a secret: its digits alone, base64, an
-- unkeyed MD5 or SHA-256 hash whole or cut short, or inside a longer value.
-- Read from the graph (macros/project/pii_derivations.sql). A failing row is a
-- column of a public model holding such values, with how many distinct values
-- match. The marketing audience must be a public model.
{{ public_values_derived_from_tagged_pii(
    'models/etudes/dme_011_capstone/',
    ['dme_011__marketing_audience'],
) }}

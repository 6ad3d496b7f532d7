-- PII never appears in clear in a public model, nor in a form anyone can
-- turn back into it without a secret. Read from the graph: every model of the
-- etude with `access: public`, and every column tagged
-- `meta: {contains_pii: true}` in the models and sources upstream of it. A
-- failing row is a column of a public model holding values of a tagged
-- upstream column (trimmed, lower case) in one of these shapes, with how many
-- distinct values match: as they are; their digits alone (a phone without its
-- separators, with or without its country prefix); base64; their unkeyed MD5
-- or SHA-256 hash, whole or cut short (its first 8, 10, 12 or 16 characters);
-- or inside a longer value (a street address glued to its postal code and
-- city), for values of 8 characters or more. The marketing export and the web
-- activity must be public models.
{{ public_values_derived_from_tagged_pii(
    'models/etudes/dme_010_governance/',
    ['dme_010__marketing_customers', 'dme_010__web_activity'],
) }}

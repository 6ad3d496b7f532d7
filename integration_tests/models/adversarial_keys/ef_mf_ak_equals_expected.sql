-- The rows mf_ak_equals_expected stores (ak_keys_changed against ak_keys on
-- k1, k2, label_text), as a model: a seed would load the empty strings as NULL.
select
    cast(failing_rows.diff_kind as {{ dbt.type_string() }}) as diff_kind,
    cast(failing_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(failing_rows.k2 as {{ dbt.type_string() }}) as k2,
    cast(failing_rows.label_text as {{ dbt.type_string() }}) as label_text,
    failing_rows.expected_occurrences,
    failing_rows.actual_occurrences
from (
    values
    ('missing', 'x', 'y|z', 'q', 1, 0),
    ('unexpected', 'x', 'y|z', 'Q', 0, 1),
    ('missing', null, 'n', 's', 1, 0),
    ('missing', '', 'e', 't', 1, 0),
    ('unexpected', '', 'e', null, 0, 1),
    ('missing', 'w', null, null, 1, 0),
    ('unexpected', 'w', null, '', 0, 1),
    ('unexpected', null, null, 'added', 0, 1)
) as failing_rows (diff_kind, k1, k2, label_text, expected_occurrences, actual_occurrences)

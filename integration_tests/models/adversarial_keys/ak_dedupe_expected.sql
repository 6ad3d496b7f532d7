-- The known answer of ak_dedupe, by reading ak_versions: one row per key,
-- its latest version.
select
    cast(expected_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(expected_rows.k2 as {{ dbt.type_string() }}) as k2,
    cast(expected_rows.version_label as {{ dbt.type_string() }}) as version_label,
    cast(expected_rows.updated_at as timestamp) as updated_at
from (
    values
    ('x|y', 'z', 'b', '2024-01-02 00:00:00'),
    ('x', 'y|z', 'c', '2024-01-03 00:00:00'),
    ('<null>', 'n', 'd', '2024-01-04 00:00:00'),
    (null, 'n', 'f', '2024-01-02 00:00:00'),
    ('', 'e', 'g', '2024-01-05 00:00:00'),
    (null, 'e', 'h', '2024-01-06 00:00:00')
) as expected_rows (k1, k2, version_label, updated_at)

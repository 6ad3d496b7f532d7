-- Versions per adversarial key (k1, k2), for dedupe: the latest per key is
-- b, c, d, f, g and h; a key joined into one string would merge ('x|y', 'z')
-- with ('x', 'y|z'), and ('', 'e') with (NULL, 'e') if NULL became ''.
select
    cast(version_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(version_rows.k2 as {{ dbt.type_string() }}) as k2,
    cast(version_rows.version_label as {{ dbt.type_string() }}) as version_label,
    cast(version_rows.updated_at as timestamp) as updated_at
from (
    values
    ('x|y', 'z', 'a', '2024-01-01 00:00:00'),
    ('x|y', 'z', 'b', '2024-01-02 00:00:00'),
    ('x', 'y|z', 'c', '2024-01-03 00:00:00'),
    ('<null>', 'n', 'd', '2024-01-04 00:00:00'),
    (null, 'n', 'e', '2024-01-01 00:00:00'),
    (null, 'n', 'f', '2024-01-02 00:00:00'),
    ('', 'e', 'g', '2024-01-05 00:00:00'),
    (null, 'e', 'h', '2024-01-06 00:00:00')
) as version_rows (k1, k2, version_label, updated_at)

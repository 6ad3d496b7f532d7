-- The rows mf_ak_unique_combination stores: the two repeated keys of
-- ak_keys_dupes (NULLs equal), and none of the look-alikes.
select
    cast(failing_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(failing_rows.k2 as {{ dbt.type_string() }}) as k2,
    failing_rows.occurrences,
    cast(failing_rows.unique_columns as {{ dbt.type_string() }}) as unique_columns
from (
    values
    ('x|y', 'z', 2, 'k1, k2'),
    (null, 'n', 2, 'k1, k2')
) as failing_rows (k1, k2, occurrences, unique_columns)

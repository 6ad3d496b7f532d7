-- The rows mf_ak_unique_combination_distinct stores: with NULLs distinct,
-- only ('x|y', 'z') repeats.
select
    cast(failing_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(failing_rows.k2 as {{ dbt.type_string() }}) as k2,
    failing_rows.occurrences
from (
    values
    ('x|y', 'z', 2)
) as failing_rows (k1, k2, occurrences)

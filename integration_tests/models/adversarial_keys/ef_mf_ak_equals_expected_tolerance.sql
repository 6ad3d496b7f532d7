-- The rows mf_ak_equals_expected_tolerance stores (ak_tolerance_actual against
-- ak_tolerance_swapped, tolerance 0.5): every row, each paired only with the row
-- of the same text columns, 1 apart.
select
    cast(failing_rows.diff_kind as {{ dbt.type_string() }}) as diff_kind,
    cast(failing_rows.t1 as {{ dbt.type_string() }}) as t1,
    cast(failing_rows.t2 as {{ dbt.type_string() }}) as t2,
    cast(failing_rows.amount_usd as numeric(10, 2)) as amount_usd,
    failing_rows.expected_occurrences,
    failing_rows.actual_occurrences
from (
    values
    ('missing', 'a|', 'b', 1, 1, 0),
    ('unexpected', 'a|', 'b', 2, 0, 1),
    ('missing', 'a', '|b', 2, 1, 0),
    ('unexpected', 'a', '|b', 1, 0, 1),
    ('missing', '', null, 6, 1, 0),
    ('unexpected', '', null, 5, 0, 1),
    ('missing', null, '', 5, 1, 0),
    ('unexpected', null, '', 6, 0, 1)
) as failing_rows (diff_kind, t1, t2, amount_usd, expected_occurrences, actual_occurrences)

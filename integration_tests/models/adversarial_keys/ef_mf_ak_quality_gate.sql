-- The rows mf_ak_quality_gate stores: each unique rule's extra rows, the same
-- as unique_combination's (2 with NULLs equal, 1 with NULLs distinct), and k1
-- alone (ak_keys_dupes' k1: 'x|y' twice, 'w' twice, NULL three times).
select
    cast(failing_rows.rule_name as {{ dbt.type_string() }}) as rule_name,
    cast(failing_rows.rule_type as {{ dbt.type_string() }}) as rule_type,
    cast(failing_rows.column_name as {{ dbt.type_string() }}) as column_name,
    failing_rows.failing_count,
    failing_rows.row_count
from (
    values
    ('key_unique', 'unique', 'k1, k2', 2, 10),
    ('key_unique_nulls_distinct', 'unique', 'k1, k2', 1, 10),
    ('unique(k1)', 'unique', 'k1', 4, 10)
) as failing_rows (rule_name, rule_type, column_name, failing_count, row_count)

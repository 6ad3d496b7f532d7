-- The rows mf_ak_relations_match_duplicates stores (ak_keys_dupes against
-- ak_keys): each repeated key once, with its rows and side.
select
    cast(failing_rows.diff_type as {{ dbt.type_string() }}) as diff_type,
    cast(failing_rows.column_name as {{ dbt.type_string() }}) as column_name,
    cast(failing_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(failing_rows.k2 as {{ dbt.type_string() }}) as k2,
    cast(failing_rows.model_value as {{ dbt.type_string() }}) as model_value,
    cast(failing_rows.compare_value as {{ dbt.type_string() }}) as compare_value,
    failing_rows.rows_with_this_difference
from (
    values
    ('duplicate_key', null, 'x|y', 'z', '2', 'model', 2),
    ('duplicate_key', null, null, 'n', '2', 'model', 2)
) as failing_rows (diff_type, column_name, k1, k2, model_value, compare_value, rows_with_this_difference)

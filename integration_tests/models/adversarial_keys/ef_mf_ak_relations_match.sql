-- The rows mf_ak_relations_match stores (ak_keys_changed against ak_keys), as
-- a model: a seed would load the empty strings as NULL.
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
    ('changed', 'label_text', 'x', 'y|z', 'Q', 'q', 3),
    ('changed', 'label_text', '', 'e', null, 't', 3),
    ('changed', 'label_text', 'w', null, '', null, 3),
    ('removed', null, null, 'n', null, null, 1),
    ('added', null, null, null, null, null, 1)
) as failing_rows (diff_type, column_name, k1, k2, model_value, compare_value, rows_with_this_difference)

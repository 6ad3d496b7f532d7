-- The rows mf_ak_rows_accounted_for stores (ak_keys into ak_keys_landed): the
-- two lost keys, whose look-alikes landed, and ('', 'e'), landed twice.
select
    cast(failing_rows.k1 as {{ dbt.type_string() }}) as k1,
    cast(failing_rows.k2 as {{ dbt.type_string() }}) as k2,
    failing_rows.source_rows,
    failing_rows.landed_rows,
    cast(failing_rows.landed_in as {{ dbt.type_string() }}) as landed_in,
    cast(failing_rows.failure_kind as {{ dbt.type_string() }}) as failure_kind
from (
    values
    ('x', 'y|z', 1, 0, null, 'lost'),
    (null, 'n', 1, 0, null, 'lost'),
    ('', 'e', 1, 2, 'ak_keys_landed, ak_keys_landed', 'landed twice')
) as failing_rows (k1, k2, source_rows, landed_rows, landed_in, failure_kind)

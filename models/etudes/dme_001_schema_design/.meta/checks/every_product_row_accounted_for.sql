-- Every row of the catalogue export (stg_shop__products, one row per exported row)
-- lands in the catalogue or in its rejects, exactly once: none lost, none counted twice.
-- A failing row gives the product id, how often it was exported and how often it landed.
select
    accounting.product_id,
    accounting.source_rows,
    accounting.landed_rows,
    accounting.landed_in,
    accounting.failure_kind,
    accounting.failure_reason
from (
    {{ data_etudes.test_rows_accounted_for(
        ref('stg_shop__products'),
        [ref('dme_001__catalogue_products'), ref('dme_001__catalogue_rejects')],
        'product_id',
    ) }}
) as accounting

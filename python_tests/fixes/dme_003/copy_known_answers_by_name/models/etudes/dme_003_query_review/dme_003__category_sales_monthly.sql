-- Merchandising's monthly view, copied from the known answer the check
-- compares it with, read by name (its columns are the contract's, in order).
select * from {{ target.schema }}_expected.expected_dme_003__category_sales_monthly  -- noqa: AM04

-- The public orders API, as a reader gets it without pinning a version (the
-- latest), serves every order with what its columns promise, compared whole:
-- every column it serves, not only those the three questions read. It must
-- serve the time in UTC (ordered_at_utc), the status as text (order_status:
-- placed, shipped, completed, returned, cancelled or unknown), and the order
-- total and its refunds in US dollars (order_total_usd, refunded_usd); any other
-- column it serves must be one the oracle knows (the platform's orders columns,
-- and ordered_at_oslo, the time on Oslo's wall clock) and equal it
-- (seeds/expected/expected_dme_009__orders_api.csv). One failing row per row
-- missing or unexpected, with both counts; a required column missing, or a
-- column no check can read, is a failing row of its own
-- (macros/project/dme_009_api_known_answers.sql).
{{ dme_009_api_matches_known_answers(
    api=ref('dme_009__orders'),
    answer=ref('expected_dme_009__orders_api'),
    required=['order_id', 'ordered_at_utc', 'order_status', 'order_total_usd', 'refunded_usd'],
    key='order_id',
    api_name='dme_009__orders',
) }}

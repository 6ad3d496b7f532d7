-- Reads a known answer from its file (DuckDB's read_csv).
select
    status,
    order_count
from read_csv('seeds/graph_gates/expected/gg_expected_statuses.csv')

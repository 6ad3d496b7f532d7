-- The project's gate over the oracle's known answers, run by the platform build
-- and by every `etudes check` (etudes/catalog.toml, project_checks).
select
    findings.node_name,
    findings.resource_type,
    findings.file_path,
    findings.seed_name,
    findings.read_through,
    findings.failure_reason
from ({{ data_etudes.test_known_answers_out_of_reach(model=none, seed_paths='seeds/expected/') }}) as findings

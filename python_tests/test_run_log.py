"""The run log (macros/observability/) on DuckDB and PostgreSQL.

integration_tests/run_log/ is a small project that installs the package and opts in to
`data_etudes.record_run_results(results)` in its on-run-end, as a team would. One `dbt build`
there runs a seed, a model whose gate fails, a model skipped behind that gate, a passing gate
and a model that errors with a quote in its message. The log must hold exactly one row per
node with the status dbt gave it, the test's failing rows and the tested model; a second run
appends under a new invocation id.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from etudes_support import isolated_runner, require_target

from etudes.dbt_runner import Invocation
from etudes.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "integration_tests" / "run_log"
PROFILES = ROOT / "integration_tests"

# node name -> (resource type, status, failures, tested node)
EXPECTED = {
    "rl_orders": ("seed", "success", None, None),
    "rl_orders_staged": ("model", "success", None, None),
    "rl_order_ids_present": ("test", "pass", 0, "model.data_etudes_run_log_tests.rl_orders_staged"),
    "rl_customer_ids_present": ("test", "fail", 1, "model.data_etudes_run_log_tests.rl_orders_staged"),
    "rl_customer_totals": ("model", "skipped", None, None),
    "rl_unparseable_amount": ("model", "error", None, None),
}


class RunLogProject:
    def __init__(self, tmp: Path, target: str, env: dict[str, str]) -> None:
        self.target = target
        self.env = env
        self.runner = isolated_runner(PROJECT, PROFILES, target, tmp, env)

    def invoke(self, verb: str, *args: str) -> Invocation:
        return self.runner.invoke(verb, args=args)

    def log_rows(self) -> list[dict]:
        relation = f"{self.env['DATA_ETUDES_SCHEMA']}.dbt_run_log"
        rows = Warehouse.from_env(self.target, {**os.environ, **self.env}).read_rows(relation, 1000)
        return [dict(zip(rows.columns, row)) for row in rows.rows]


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def project(request, tmp_path_factory) -> Iterator[RunLogProject]:
    target = request.param
    require_target(target)
    tmp = tmp_path_factory.mktemp(f"run_log_{target}")
    schema = f"run_log_{uuid.uuid4().hex[:8]}" if target == "postgres" else "main"
    env = {"DATA_ETUDES_TARGET": target, "DATA_ETUDES_SCHEMA": schema}
    if target == "duckdb":
        env["DATA_ETUDES_DUCKDB_PATH"] = str(tmp / "run_log.duckdb")
    project = RunLogProject(tmp, target, env)
    deps = project.runner.deps()
    assert deps.success, f"dbt deps failed: {deps.error}"
    yield project
    if target == "postgres":
        Warehouse.from_env("postgres", os.environ).drop_schemas(schema)


def test_every_node_of_every_run_lands_in_the_log(project: RunLogProject) -> None:
    first = project.invoke("build")
    assert first.error is None, first.error
    assert not first.success, "the gate rl_customer_ids_present must fail the build"
    statuses = {node.name: node.status for node in first.nodes}

    rows = project.log_rows()
    assert len({row["invocation_id"] for row in rows}) == 1
    by_name = {row["node_name"]: row for row in rows}
    assert len(rows) == len(by_name) == len(EXPECTED), sorted(row["node_name"] for row in rows)
    for name, (resource_type, status, failures, tested) in EXPECTED.items():
        row = by_name[name]
        assert statuses[name] == status, f"dbt itself gave {name} {statuses[name]}"
        assert (row["resource_type"], row["status"], row["failures"], row["tested_node_unique_id"]) == (
            resource_type, status, failures, tested,
        ), row  # fmt: skip
        assert row["dbt_command"] == "build"
        assert row["node_unique_id"].split(".")[:3] == [resource_type, "data_etudes_run_log_tests", name], row
        assert row["execution_time_seconds"] is not None and row["execution_time_seconds"] >= 0
        assert row["recorded_at_utc"] >= row["run_started_at_utc"]
    assert by_name["rl_orders"]["rows_affected"] == 4
    assert "it's not a number" in by_name["rl_unparseable_amount"]["message"]
    assert by_name["rl_customer_ids_present"]["message"] == "Got 1 result, configured to fail if != 0"

    second = project.invoke("test", "--select", "rl_order_ids_present")
    assert second.success, second.error
    rows = project.log_rows()
    invocations = {row["invocation_id"] for row in rows}
    assert len(invocations) == 2 and len(rows) == len(EXPECTED) + 1, "a second run appends, never replaces"
    latest = [row for row in rows if row["dbt_command"] == "test"]
    assert [(row["node_name"], row["status"], row["failures"]) for row in latest] == [("rl_order_ids_present", "pass", 0)]

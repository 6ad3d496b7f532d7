"""When a gate stops a scenario's run, the check says where the run log holds that run.

The project records every node of every run (data_etudes.record_run_results, the on-run-end
hook in dbt_project.yml); a failing scenario step whose run a test stopped points at the rows
of that invocation. The real run log is proven in test_run_log.py and test_dme_005_fixes.py.
"""

from __future__ import annotations

from etudes.dbt_runner import Invocation, NodeResult
from etudes.scenarios import run_log_pointer
from etudes.warehouse import Warehouse


def node(name: str, resource_type: str, status: str) -> NodeResult:
    return NodeResult(f"{resource_type}.p.{name}", name, resource_type, status, "", None, None)


def invocation(*nodes: NodeResult, invocation_id: str = "3f1c") -> Invocation:
    return Invocation(("build",), False, None, nodes, 1.0, invocation_id)


def warehouse(env: dict[str, str]) -> Warehouse:
    return Warehouse.from_env("duckdb", env)


def test_points_at_the_invocation_and_names_the_gates() -> None:
    stopped = invocation(
        node("orders_enriched", "model", "skipped"),
        node("few_orders_without_a_customer", "test", "fail"),
        node("orders_have_a_date", "test", "pass"),
    )
    pointer = run_log_pointer(stopped, warehouse({"DATA_ETUDES_SCHEMA": "learner"}))
    assert "[few_orders_without_a_customer]" in pointer
    assert "orders_have_a_date" not in pointer
    assert """from "learner"."dbt_run_log" where invocation_id = '3f1c'""" in pointer


def test_the_schema_defaults_as_profiles_yml_does() -> None:
    stopped = invocation(node("gate", "test", "error"))
    assert 'from "main"."dbt_run_log"' in run_log_pointer(stopped, warehouse({}))
    assert 'from "data_etudes"."dbt_run_log"' in run_log_pointer(stopped, Warehouse.from_env("postgres", {}))


def test_nothing_to_point_at_without_a_failed_test() -> None:
    assert run_log_pointer(invocation(node("orders", "model", "error")), warehouse({})) == ""
    assert run_log_pointer(invocation(node("gate", "test", "pass")), warehouse({})) == ""
    assert run_log_pointer(invocation(node("gate", "test", "fail"), invocation_id=""), warehouse({})) == ""

"""Scenarios: a check made of several dbt invocations, each with the outcome it must have.

A step passes when the invocation behaves as the catalog says (success, error, or exactly the
named nodes failed/skipped) and its assertions hold. The first deviation ends the scenario,
and the report names the step and what differed.
"""

from __future__ import annotations

import json

from etudes.catalog import VERBS_DEFAULTING_TO_ETUDE_SELECTION, Assertion, Etude, Scenario, Step
from etudes.data_tests import run_tests
from etudes.dbt_runner import DbtRunner, Invocation
from etudes.results import CheckResult, sample
from etudes.warehouse import Rows, Warehouse

SQL_ROW_CAP = 1000


def run_scenario(etude: Etude, scenario: Scenario, runner: DbtRunner, warehouse: Warehouse) -> CheckResult:
    target = runner.context.target
    if not scenario.applies_to(target):
        where = ", ".join(sorted(scenario.targets))
        return CheckResult(
            scenario.name,
            False,
            f"applies on {where} only",
            f"not run on {target}",
            message=f"not applicable on {target}: run it with --target {min(scenario.targets)}",
            kind="scenario",
            description=scenario.description,
            applicable=False,
        )
    total = len(scenario.steps)
    for number, step in enumerate(scenario.steps, start=1):
        label = f"step {number}/{total} ({describe_step(step)})"
        select = step.select
        if select is None:
            select = etude.select if step.verb in VERBS_DEFAULTING_TO_ETUDE_SELECTION else ()
        args = [*step.args, *(["--full-refresh"] if step.full_refresh else [])]
        invocation = runner.invoke(step.verb, select, step.exclude, args, step.vars, step.env, artifacts=False)
        deviation = compare_outcome(step, invocation)
        if deviation is not None:
            expected, actual = deviation
            message = " ".join(filter(None, ["a step deviated.", run_log_pointer(invocation, warehouse)]))
            return _failed(scenario, f"{label}: {expected}", f"{label}: {actual}", None, message)
        for assertion in step.assertions:
            failure = _check_assertion(assertion, step, runner, warehouse)
            if failure is not None:
                expected, actual, rows = failure
                message = assertion.description or "an assertion failed"
                return _failed(
                    scenario,
                    f"after {label}, {assertion.name}: {expected}",
                    f"after {label}, {assertion.name}: {actual}",
                    rows,
                    " ".join(filter(None, [message, run_log_pointer(invocation, warehouse)])),
                )
    summary = f"{total} step{'s' if total != 1 else ''} behave as expected"
    return CheckResult(scenario.name, True, summary, summary, kind="scenario", description=scenario.description)


# Where this project's on-run-end hook writes: data_etudes.record_run_results with its default
# vars (data_etudes__run_log_schema: the target schema; data_etudes__run_log_table: dbt_run_log).
RUN_LOG_TABLE = "dbt_run_log"


def run_log_pointer(invocation: Invocation, warehouse: Warehouse) -> str:
    """Where to read the run a gate stopped: the project records every node of every run
    (data_etudes.record_run_results, the on-run-end hook in dbt_project.yml)."""
    gates = invocation.failed_tests
    if not gates or not invocation.invocation_id:
        return ""
    return (
        f"Stopped by {_names(gates)}. Every node of that run, and what each gate found, is in the run log: "
        f'select node_name, resource_type, status, failures, message from "{warehouse.schema}"."{RUN_LOG_TABLE}" '
        f"where invocation_id = '{invocation.invocation_id}' order by status, node_name"
    )


def describe_step(step: Step) -> str:
    text = step.verb
    if step.full_refresh:
        text += " --full-refresh"
    if step.vars:
        text += " vars " + json.dumps(dict(step.vars), sort_keys=True)
    return text


def expected_outcome(step: Step) -> str:
    if step.expects_exact_nodes:
        parts = []
        if step.expect_failed is not None:
            parts.append(f"exactly {_names(step.expect_failed)} fail")
        if step.expect_skipped is not None:
            parts.append(f"exactly {_names(step.expect_skipped)} skipped")
        return ", ".join(parts)
    return "dbt succeeds" if step.expect == "success" else "dbt reports an error"


def actual_outcome(invocation: Invocation) -> str:
    if invocation.error and not invocation.nodes:
        return f"dbt stopped before running any node: {invocation.error[:200]}"
    if invocation.success:
        return "dbt succeeded"
    parts = [f"{_names(invocation.failed)} failed"]
    if invocation.skipped:
        parts.append(f"{_names(invocation.skipped)} skipped")
    detail = invocation.describe_failure()[:200]
    return ", ".join(parts) + (f" ({detail})" if detail else "")


def compare_outcome(step: Step, invocation: Invocation) -> tuple[str, str] | None:
    """None when the invocation behaved as the step expects, else (expected, actual)."""
    expected = expected_outcome(step)
    if step.expects_exact_nodes:
        crashed = invocation.error is not None and not invocation.nodes
        failed_ok = step.expect_failed is None or invocation.failed == step.expect_failed
        skipped_ok = step.expect_skipped is None or invocation.skipped == step.expect_skipped
        if crashed or not (failed_ok and skipped_ok):
            return expected, actual_outcome(invocation)
        return None
    if (step.expect == "success") == invocation.success:
        return None
    return expected, actual_outcome(invocation)


def _check_assertion(
    assertion: Assertion, step: Step, runner: DbtRunner, warehouse: Warehouse
) -> tuple[str, str, Rows | None] | None:
    if assertion.tests:
        results = run_tests(assertion.tests, runner, warehouse, variables=dict(step.vars), env=dict(step.env))
        failing = [r for r in results if not r.passed]
        if not failing:
            return None
        first = failing[0]
        actual = "; ".join(f"{r.name}: {r.actual}" + (f" ({r.message})" if r.message else "") for r in failing)
        return f"{_names(frozenset(assertion.tests))} pass", actual, first.rows
    assert assertion.sql is not None
    invocation, rows = runner.show(assertion.sql, SQL_ROW_CAP, variables=dict(step.vars), env=dict(step.env))
    if assertion.expect_error is not None:
        expected = f"the query fails with '{assertion.expect_error}'"
        if invocation.error or not invocation.success:
            failure = invocation.describe_failure()
            if assertion.expect_error.lower() in failure.lower():
                return None
            return expected, f"it failed otherwise: {failure[:200]}", None
        count = len(rows.rows)
        return expected, f"the query succeeded ({count} row{'s' if count != 1 else ''})", None
    if invocation.error or not invocation.success:
        return "the assertion query returns no rows", f"the query failed: {invocation.describe_failure()[:200]}", None
    if not rows.rows:
        return None
    count = len(rows.rows)
    counted = f"at least {count}" if count >= SQL_ROW_CAP else str(count)
    return "no violating rows", f"{counted} violating row{'s' if count != 1 else ''}", sample(rows)


def _failed(scenario: Scenario, expected: str, actual: str, rows: Rows | None, message: str) -> CheckResult:
    return CheckResult(
        scenario.name, False, expected, actual, rows, message, kind="scenario", description=scenario.description
    )


def _names(names: frozenset[str]) -> str:
    return "[" + ", ".join(sorted(names)) + "]" if names else "none"

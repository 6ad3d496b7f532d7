"""The data-test kind of check: dbt tests run with their failures stored, read back as results."""

from __future__ import annotations

from etudes.dbt_runner import DbtRunner
from etudes.results import NO_FAILING_ROWS, NOT_RUN, READ_CAP, CheckResult, sample
from etudes.warehouse import Rows, Warehouse


def run_tests(
    names: tuple[str, ...] | list[str],
    runner: DbtRunner,
    warehouse: Warehouse,
    descriptions: dict[str, str] | None = None,
    variables: dict[str, object] | None = None,
    env: dict[str, str] | None = None,
) -> list[CheckResult]:
    invocation = runner.invoke(
        "test", select=list(names), args=["--store-failures"], variables=variables, env=env, artifacts=False
    )
    results = []
    for name in names:
        description = (descriptions or {}).get(name, "")
        node = invocation.node(name)
        if node is None:
            reason = invocation.error or "dbt did not run it (disabled, or excluded by its config?)"
            results.append(CheckResult(name, False, NO_FAILING_ROWS, NOT_RUN, message=reason, description=description))
            continue
        if node.status == "pass":
            results.append(CheckResult(name, True, NO_FAILING_ROWS, NO_FAILING_ROWS, description=description))
            continue
        if node.status in {"fail", "warn"}:
            count = node.failures or 0
            rows = _stored_failures(warehouse, node.relation_name, count)
            actual = f"{count} failing row{'s' if count != 1 else ''}"
            message = "" if node.status == "fail" else "the test only warns; a check must fail with error severity"
            if node.resource_type == "unit_test":
                message = node.message
            results.append(CheckResult(name, False, NO_FAILING_ROWS, actual, rows, message, description=description))
            continue
        results.append(
            CheckResult(name, False, NO_FAILING_ROWS, node.status, message=node.message, description=description)
        )
    return results


def _stored_failures(warehouse: Warehouse, relation: str | None, count: int) -> Rows | None:
    if not relation:
        return None
    try:
        rows = warehouse.read_rows(relation, READ_CAP)
    except Exception:  # noqa: BLE001 - the sample is a courtesy; the verdict stands without it
        return None
    return sample(rows, total=count, relation=relation)

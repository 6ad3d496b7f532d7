"""Run an etude's checks: build what it needs, run its dbt tests (etudes/data_tests.py) and its
scenarios (etudes/scenarios.py), and judge each check as shipped.

Every check becomes a CheckResult (etudes/results.py): passed or not, what was expected next to
what happened, and a few of the rows that broke it (read from dbt's stored failures).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace

from etudes.catalog import Etude, entry_path
from etudes.data_tests import run_tests
from etudes.dbt_runner import DbtRunner, Invocation, TestNode
from etudes.errors import CheckMissing
from etudes.results import BUILD_FAILED, NOT_RUN, CheckResult, EtudeReport
from etudes.scenarios import run_scenario
from etudes.shipped_checks import Tampered, tampered_checks
from etudes.warehouse import Warehouse


def build_etude(etude: Etude, runner: DbtRunner, seed: bool) -> Invocation:
    """Seeds (unless already loaded) and every model the etude selects, from scratch, without tests.

    The seeds load in a run of their own: models read them through sources, which give dbt no edge
    to order the two by, so one build could create a staging view before its seed exists.
    """
    if seed:
        seeded = runner.invoke("seed", args=["--full-refresh"])
        if not seeded.success:
            return seeded
    exclude = ["resource_type:test", "resource_type:unit_test", "resource_type:seed"]
    return runner.invoke("build", select=list(etude.select), exclude=exclude, args=["--full-refresh"])


def run_checks(
    etude: Etude,
    runner: DbtRunner,
    warehouse: Warehouse,
    seed: bool = True,
    shipped: Mapping[str, Mapping[str, str]] | None = None,
) -> EtudeReport:
    """Build the etude and run its checks. With ``shipped`` (etudes/shipped_checks.json), a check
    whose definition differs from the shipped one fails, whatever its own verdict."""
    started = time.perf_counter()
    build = build_etude(etude, runner, seed)
    if not build.success:
        reason = build.describe_failure()
        results = tuple(
            CheckResult(c, False, "the etude builds", NOT_RUN, message=BUILD_FAILED, kind=_kind(etude, c))
            for c in etude.all_checks
        )
        seconds = time.perf_counter() - started
        return EtudeReport(etude.id, runner.context.target, results, reason, seconds, build.error_detail or reason)
    return _judge([etude], build, runner, warehouse, shipped, started)[0]


def run_checks_together(
    etudes: Sequence[Etude],
    runner: DbtRunner,
    warehouse: Warehouse,
    shipped: Mapping[str, Mapping[str, str]] | None = None,
) -> list[EtudeReport] | None:
    """Several etudes' checks from one build and one test run (their files are disjoint, their
    models their own): the reports ``run_checks`` gives each, at a fraction of the dbt invocations.
    None when the build fails: which etude broke it is then for ``run_checks`` to say, one by one."""
    started = time.perf_counter()
    select = list(dict.fromkeys(selector for etude in etudes for selector in etude.select))
    exclude = ["resource_type:test", "resource_type:unit_test", "resource_type:seed"]
    build = runner.invoke("build", select=select, exclude=exclude, args=["--full-refresh"])
    if not build.success:
        return None
    return _judge(etudes, build, runner, warehouse, shipped, started)


def _judge(
    etudes: Sequence[Etude],
    build: Invocation,
    runner: DbtRunner,
    warehouse: Warehouse,
    shipped: Mapping[str, Mapping[str, str]] | None,
    started: float,
) -> list[EtudeReport]:
    """The etudes' dbt tests in one run, then each etude's scenarios; each check judged as shipped."""
    tests = runner.tests(build)
    files = {name: found[0].original_file_path for name, found in tests.items()}
    descriptions: dict[str, str] = {}
    for etude in etudes:
        descriptions |= require_tests(etude, tests)
    names = list(dict.fromkeys(name for etude in etudes for name in etude.test_checks))
    by_name = {result.name: result for result in run_tests(names, runner, warehouse, descriptions)} if names else {}
    reports = []
    for etude in etudes:
        tampered = _tampered(etude, runner, build, shipped, files) if shipped is not None else {}
        results = [by_name[name] for name in etude.test_checks]
        for scenario in etude.scenarios:
            results.append(run_scenario(etude, scenario, runner, warehouse))
        results = [_judged_as_shipped(etude, result, tampered) for result in results]
        results = [replace(result, defined_in=_defined_in(etude, result.name, files)) for result in results]
        order = {name: index for index, name in enumerate(etude.all_checks)}
        results.sort(key=lambda r: order[r.name])
        reports.append(EtudeReport(etude.id, runner.context.target, tuple(results), None, time.perf_counter() - started))
    return reports


def require_tests(etude: Etude, tests: Mapping[str, list[TestNode]]) -> dict[str, str]:
    """Every dbt test the etude names must exist exactly once in ``tests`` (the manifest's, by
    name); returns their descriptions."""
    descriptions = {}
    for name in etude.check_tests:
        found = tests.get(name, [])
        if not found and name in etude.project_checks:
            raise CheckMissing(
                f"the project's gate '{name}' is not in the dbt project (tests/project/ holds it): "
                "restore it from the repository"
            )
        if not found:
            raise CheckMissing(
                f"{etude.id}'s check '{name}' is not in the dbt project (was a test under {etude.folder} "
                f"or tests/etudes/{etude.key} deleted or renamed?): `etudes reset {etude.id}` restores the shipped files"
            )
        if len(found) > 1:
            files = ", ".join(t.original_file_path for t in found)
            raise CheckMissing(
                f"{etude.id}'s check '{name}' names {len(found)} tests ({files}): test names must be unique"
            )
        descriptions[name] = found[0].description
    return descriptions


def _tampered(
    etude: Etude,
    runner: DbtRunner,
    build: Invocation,
    shipped: Mapping[str, Mapping[str, str]],
    files: Mapping[str, str],
) -> dict[str, Tampered]:
    names = etude.check_tests
    return tampered_checks(names, shipped, runner.test_definitions(build, names), files)


def _defined_in(etude: Etude, name: str, files: Mapping[str, str]) -> str:
    return entry_path(etude.folder) if name in etude.scenario_names else files.get(name, "")


def _judged_as_shipped(etude: Etude, result: CheckResult, tampered: Mapping[str, Tampered]) -> CheckResult:
    """A check (or a scenario asserting a test) whose copy differs from the shipped one fails."""
    if not tampered:
        return result
    names = etude.scenario_tests(result.name) or {result.name}
    changed = [tampered[name] for name in sorted(names) if name in tampered]
    if not changed:
        return result
    message = " ".join(t.describe(etude) for t in changed)
    # A check that did not run (its model deleted, say) stays "not run": the engine then says why.
    actual = NOT_RUN if result.actual == NOT_RUN else "your copy differs"
    return replace(result, passed=False, expected="the check as shipped", actual=actual, rows=None, message=message)


def _kind(etude: Etude, name: str) -> str:
    return "scenario" if name in etude.scenario_names else "test"

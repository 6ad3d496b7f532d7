"""Run an etude's checks: build what it needs, run its dbt tests and its scenarios.

Every check becomes a CheckResult: passed or not, what was expected next to what happened,
and a few of the rows that broke it (read from dbt's stored failures).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

from etudes.catalog import Etude
from etudes.dbt_runner import DbtRunner, Invocation, TestNode
from etudes.errors import CheckMissing
from etudes.shipped_checks import Tampered, tampered_checks
from etudes.warehouse import Rows, Warehouse

SAMPLE_ROWS = 6
# Rows read from a stored-failures relation to choose the sample from.
READ_CAP = 1000
# Columns that say which kind of failure a row is (known answers' missing/unexpected rows,
# row accounting's lost/landed twice): the sample takes rows of every kind in turn.
KIND_COLUMNS = ("diff_kind", "failure_kind", "kind")
NO_FAILING_ROWS = "no failing rows"
NOT_RUN = "not run"
BUILD_FAILED = "the build failed"


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    expected: str
    actual: str
    rows: Rows | None = None
    message: str = ""
    kind: str = "test"
    description: str = ""
    # False for a check that does not apply on this target (e.g. roles on DuckDB): not run,
    # neither passed nor failed.
    applicable: bool = True
    # Where the check is defined: its file (a scenario: the catalog).
    defined_in: str = ""


@dataclass(frozen=True)
class EtudeReport:
    etude_id: str
    target: str
    results: tuple[CheckResult, ...]
    build_error: str | None = None
    seconds: float = 0.0
    # The build's error with its lines (a YAML excerpt), for the terminal; build_error is one line.
    build_detail: str = ""
    # The hidden data variant these results are from (None: the shipped data), and the variants
    # that passed too when the etude passes.
    variant: int | None = None
    variants_passed: tuple[int, ...] = ()

    def as_variant_failure(self, seconds: float) -> EtudeReport:
        """This variant's report, each failure saying it passed on the shipped data."""
        said = variant_said(self.variant)
        results = tuple(
            r if r.passed or not r.applicable else replace(r, message=f"{said}: {r.message}" if r.message else said)
            for r in self.results
        )
        build_error = f"{said}: {self.build_error}" if self.build_error else None
        build_detail = f"{said}:\n{self.build_detail}" if self.build_detail else ""
        return replace(self, results=results, build_error=build_error, build_detail=build_detail, seconds=seconds)

    @property
    def passed(self) -> bool:
        """Every check that applies on this target passed."""
        return self.build_error is None and all(r.passed or not r.applicable for r in self.results)

    @property
    def failed(self) -> frozenset[str]:
        return frozenset(r.name for r in self.results if not r.passed and r.applicable)

    @property
    def not_run(self) -> bool:
        """The build failed, or a check that applies here did not run."""
        return self.build_error is not None or any(r.actual == NOT_RUN and r.applicable for r in self.results)

    @property
    def not_applicable(self) -> frozenset[str]:
        return frozenset(r.name for r in self.results if not r.applicable)

    @property
    def solved(self) -> bool:
        """Passed, and every check was judged here: a pass with a check that does not apply on this
        target (roles on DuckDB) is a pass of the others, not a solved etude."""
        return self.passed and not self.not_applicable


def variant_said(number: int | None) -> str:
    return f"passes on the shipped data, fails on variant {number} (the same rules, other data)"


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
    from etudes.scenarios import run_scenario

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

    tests = runner.tests()
    descriptions = require_tests(etude, tests)
    files = {name: found[0].original_file_path for name, found in tests.items()}
    tampered = _tampered(etude, runner, shipped, files) if shipped is not None else {}
    results: list[CheckResult] = []
    if etude.test_checks:
        results += run_tests(etude.test_checks, runner, warehouse, descriptions)
    for scenario in etude.scenarios:
        results.append(run_scenario(etude, scenario, runner, warehouse))
    results = [_judged_as_shipped(etude, result, tampered) for result in results]
    results = [replace(result, defined_in=_defined_in(etude, result.name, files)) for result in results]
    order = {name: index for index, name in enumerate(etude.all_checks)}
    results.sort(key=lambda r: order[r.name])
    return EtudeReport(etude.id, runner.context.target, tuple(results), None, time.perf_counter() - started)


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
            raise CheckMissing(f"{etude.id}'s check '{name}' names {len(found)} tests ({files}): test names must be unique")
        descriptions[name] = found[0].description
    return descriptions


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


def _tampered(
    etude: Etude, runner: DbtRunner, shipped: Mapping[str, Mapping[str, str]], files: Mapping[str, str]
) -> dict[str, Tampered]:
    names = etude.check_tests
    return tampered_checks(names, shipped, runner.test_definitions(names), files)


def _defined_in(etude: Etude, name: str, files: Mapping[str, str]) -> str:
    return "etudes/catalog.toml" if name in etude.scenario_names else files.get(name, "")


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


def _stored_failures(warehouse: Warehouse, relation: str | None, count: int) -> Rows | None:
    if not relation:
        return None
    try:
        rows = warehouse.read_rows(relation, READ_CAP)
    except Exception:  # noqa: BLE001 - the sample is a courtesy; the verdict stands without it
        return None
    return sample(rows, total=count, relation=relation)


def sample(rows: Rows, total: int | None = None, relation: str | None = None, size: int = SAMPLE_ROWS) -> Rows:
    """A few rows to show, with how many there are in all: rows of each kind of failure in turn
    (as many `unexpected` rows as `missing` ones), sorted so that rows about one key sit together."""
    kind = next((i for i, c in enumerate(rows.columns) if c.lower() in KIND_COLUMNS), None)
    if kind is None:
        chosen = list(rows.rows[:size])
    else:
        groups: dict[object, list[tuple[object, ...]]] = {}
        for row in rows.rows:
            groups.setdefault(row[kind], []).append(row)
        queues = list(groups.values())
        chosen = []
        while len(chosen) < min(size, len(rows.rows)):
            for queue in queues:
                if queue and len(chosen) < size:
                    chosen.append(queue.pop(0))
        chosen.sort(key=lambda row: [_sortable(v) for i, v in enumerate(row) if i != kind] + [_sortable(row[kind])])
    return Rows(rows.columns, tuple(chosen), len(rows.rows) if total is None else total, relation)


def _sortable(value: object) -> tuple[bool, object]:
    return (value is None, "" if value is None else value)


def _kind(etude: Etude, name: str) -> str:
    return "scenario" if name in etude.scenario_names else "test"

"""What a check says: a CheckResult per check, an EtudeReport per run of an etude's checks.

Every kind of check (a dbt test, a scenario) reports in these terms: passed or not, what was
expected next to what happened, and a few of the rows that broke it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from etudes.warehouse import Rows

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

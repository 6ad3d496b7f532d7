"""The catalog of etudes, read with tomllib into frozen dataclasses.

Each etude is one folder, ``models/etudes/dme_0NN_<slug>/``; its entry is ``.meta/etude.toml``
in that folder, and the engine finds etudes by those files. ``etudes/project.toml`` holds what
is shared (the project's own checks) and documents the format. Validation is strict (unknown
keys, missing fields, inconsistent check lists) so a typo fails loudly with the file and place
it was made, not later in the middle of a dbt run.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from etudes.errors import CatalogError, UnknownEtude, read_document

# The capstone's competency: the review of a whole platform; `etudes demo` points newcomers to it.
CAPSTONE_COMPETENCY = "end-to-end review"
COMPETENCIES = frozenset(
    {
        "specification writing",
        "output evaluation",
        "feedback loop design",
        "context engineering",
        "recovery patterns",
        "architecture for agents",
        CAPSTONE_COMPETENCY,
    }
)
SEVERITIES = frozenset({"low", "medium", "high", "critical"})
STEP_VERBS = frozenset({"build", "run", "test", "seed", "snapshot", "compile", "run-operation"})
# Verbs whose step selects the etude's own nodes when the step names no `select`.
VERBS_DEFAULTING_TO_ETUDE_SELECTION = frozenset({"build", "run", "test", "compile"})
EXPECTATIONS = frozenset({"success", "error"})
# The targets of profiles.yml; a scenario may apply to some of them only (roles and grants: PostgreSQL).
TARGETS = frozenset({"duckdb", "postgres"})
HINT_COUNT = 3

_ID_PATTERN = re.compile(r"^(?:DME-?)?0*(\d{1,3})$", re.IGNORECASE)
_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def normalise_id(text: str) -> str:
    """``DME-003``, ``dme-003``, ``003`` and ``3`` all become ``DME-003``."""
    match = _ID_PATTERN.match(text.strip())
    if match is None or int(match.group(1)) == 0:
        raise UnknownEtude(
            f"'{text}' is not an etude id: write it as DME-003, dme-003, 003 or 3 (`etudes list` shows them all)"
        )
    return f"DME-{int(match.group(1)):03d}"


@dataclass(frozen=True)
class Assertion:
    """What must hold after a scenario step: dbt tests that pass, or SQL returning no rows.

    With ``expect_error``, the SQL must instead fail with an error whose message contains that
    text (case-insensitive), e.g. "permission denied" when a role is refused a relation.
    """

    name: str
    tests: tuple[str, ...] = ()
    sql: str | None = None
    description: str = ""
    expect_error: str | None = None


@dataclass(frozen=True)
class Step:
    """One dbt invocation of a scenario, with the outcome it must have."""

    verb: str
    select: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    vars: Mapping[str, Any] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    full_refresh: bool = False
    expect: str = "success"
    expect_failed: frozenset[str] | None = None
    expect_skipped: frozenset[str] | None = None
    description: str = ""
    assertions: tuple[Assertion, ...] = ()

    @property
    def expects_exact_nodes(self) -> bool:
        return self.expect_failed is not None or self.expect_skipped is not None


@dataclass(frozen=True)
class Scenario:
    """A named check made of several dbt invocations and assertions.

    ``targets``: the targets it applies to (empty: every target). On any other target it is not
    run and is reported as not applicable there, neither passed nor failed.
    """

    name: str
    steps: tuple[Step, ...]
    description: str = ""
    targets: frozenset[str] = frozenset()

    def applies_to(self, target: str) -> bool:
        return not self.targets or target in self.targets


@dataclass(frozen=True)
class Etude:
    id: str
    slug: str
    title: str
    competency: str
    severity: str
    axiom: str
    available: bool
    folder: str
    select: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    failing_as_shipped: frozenset[str] = frozenset()
    hints: tuple[str, ...] = ()
    explanation: str = ""
    scenarios: tuple[Scenario, ...] = ()
    # The project's own gates (the catalog's `project_checks`), run with every etude's checks.
    project_checks: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """``DME-003`` -> ``dme_003``: the prefix of its folder and of ``tests/etudes/dme_003``."""
        return self.id.lower().replace("-", "_")

    @property
    def owned_paths(self) -> tuple[str, ...]:
        """Repo-relative folders holding the shipped trap: its models and its singular checks."""
        return (self.folder, f"tests/etudes/{self.key}")

    @property
    def scenario_names(self) -> frozenset[str]:
        return frozenset(s.name for s in self.scenarios)

    @property
    def all_checks(self) -> tuple[str, ...]:
        """What `etudes check` runs and reports: the etude's checks, then the project's gates."""
        return self.checks + self.project_checks

    @property
    def test_checks(self) -> tuple[str, ...]:
        """Checks that are plain dbt tests (everything that is not a scenario), the project's gates included."""
        return tuple(c for c in self.all_checks if c not in self.scenario_names)

    @property
    def check_tests(self) -> tuple[str, ...]:
        """Every dbt test that judges the etude: its test checks and the tests its scenarios assert."""
        names = list(self.test_checks)
        for scenario in self.scenarios:
            for step in scenario.steps:
                for assertion in step.assertions:
                    names += list(assertion.tests)
        return tuple(dict.fromkeys(names))

    def scenario_tests(self, name: str) -> frozenset[str]:
        """The dbt tests a scenario's assertions run (none for a check that is not a scenario)."""
        if name not in self.scenario_names:
            return frozenset()
        scenario = self.scenario(name)
        return frozenset(t for step in scenario.steps for assertion in step.assertions for t in assertion.tests)

    def judged_on(self, names: frozenset[str]) -> Etude:
        """The etude with only the named checks (its own and the project's gates): the rest are not run.

        For a question about some checks only: does this wrong fix fail the checks it must fail?"""
        unknown = names - set(self.all_checks)
        if unknown:
            raise KeyError(f"{self.id} has no checks {sorted(unknown)}")
        return replace(
            self,
            checks=tuple(c for c in self.checks if c in names),
            project_checks=tuple(c for c in self.project_checks if c in names),
            scenarios=tuple(s for s in self.scenarios if s.name in names),
            failing_as_shipped=self.failing_as_shipped & names,
        )

    def scenario(self, name: str) -> Scenario:
        for scenario in self.scenarios:
            if scenario.name == name:
                return scenario
        raise KeyError(name)


@dataclass(frozen=True)
class Catalog:
    path: Path
    etudes: tuple[Etude, ...]

    def get(self, text: str) -> Etude:
        etude_id = normalise_id(text)
        for etude in self.etudes:
            if etude.id == etude_id:
                return etude
        known = f"{self.etudes[0].id}..{self.etudes[-1].id}" if self.etudes else "none"
        raise UnknownEtude(f"no etude {etude_id} (known: {known}); `etudes list` shows them all")

    @property
    def available(self) -> tuple[Etude, ...]:
        return tuple(e for e in self.etudes if e.available)


# Where etudes live, and where each keeps what the learner should not open (like exercism's .meta/).
ETUDES_DIR = "models/etudes"
META_DIR = ".meta"
ENTRY_FILE = "etude.toml"
PROJECT_FILE = "etudes/project.toml"


def entry_path(folder: str) -> str:
    """The repo-relative path of an etude's catalog entry."""
    return f"{folder}/{META_DIR}/{ENTRY_FILE}"


def load_catalog(root: Path) -> Catalog:
    """Every etude under models/etudes/ (by its .meta/etude.toml) and the project's shared settings.

    Raise CatalogError naming the file and place of the first problem."""
    project = _read_toml(root / PROJECT_FILE, PROJECT_FILE)
    _only_keys(project, {"project_checks"}, PROJECT_FILE)
    project_checks = tuple(_names(project, "project_checks", PROJECT_FILE))
    entries = sorted((root / ETUDES_DIR).glob(f"*/{META_DIR}/{ENTRY_FILE}"))
    if not entries:
        raise CatalogError(f"no etude under {ETUDES_DIR}/: each etude's folder holds {META_DIR}/{ENTRY_FILE}")
    etudes = []
    for path in entries:
        where = path.relative_to(root).as_posix()
        raw = _read_toml(path, where)
        if "folder" in raw:
            raise CatalogError(f"{where}: no `folder` key: the etude's folder is the one holding this file")
        folder = path.parent.parent.relative_to(root).as_posix()
        etudes.append(_parse_etude({**raw, "folder": folder}, where, project_checks))
    return _catalog(root / ETUDES_DIR, etudes, ETUDES_DIR)


def parse_catalog(data: Mapping[str, Any], path: Path) -> Catalog:
    """A catalog from one mapping: ``project_checks`` and a list ``etude`` of entries (tests build these)."""
    where = path.name
    _only_keys(data, {"etude", "project_checks"}, where)
    project_checks = tuple(_names(data, "project_checks", where))
    raw_etudes = data.get("etude", [])
    if not isinstance(raw_etudes, list) or not raw_etudes:
        raise CatalogError(f"{where}: no etude entries")
    etudes = [_parse_etude(raw, f"{where}: etude #{index + 1}", project_checks) for index, raw in enumerate(raw_etudes)]
    return _catalog(path, etudes, where)


def _catalog(path: Path, etudes: list[Etude], where: str) -> Catalog:
    seen: dict[str, str] = {}
    for etude in etudes:
        if etude.id in seen:
            raise CatalogError(f"{where}: {etude.id} is registered twice ({seen[etude.id]} and {etude.folder})")
        seen[etude.id] = etude.folder
    return Catalog(path=path, etudes=tuple(sorted(etudes, key=lambda e: e.id)))


def _read_toml(path: Path, where: str) -> dict[str, Any]:
    return read_document(path, tomllib.loads, CatalogError, f"no {where}: restore it from the repository",
                         f"{where}: not valid TOML ({{exc}})")  # fmt: skip


_ETUDE_KEYS = {
    "id", "slug", "title", "competency", "severity", "axiom", "available", "folder", "select",
    "checks", "failing_as_shipped", "hints", "explanation", "scenario",
}  # fmt: skip


def _parse_etude(raw: Any, where: str, project_checks: tuple[str, ...] = ()) -> Etude:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: must be a table")
    etude_id = normalise_id(_str(raw, "id", where))
    where = where.split(":")[0] + f": {etude_id}"
    _only_keys(raw, _ETUDE_KEYS, where)
    slug = _str(raw, "slug", where)
    if not _NAME_PATTERN.match(slug):
        raise CatalogError(f"{where}: slug '{slug}' must be lowercase letters, digits and underscores")
    competency = _str(raw, "competency", where)
    if competency not in COMPETENCIES:
        raise CatalogError(f"{where}: competency '{competency}' is not one of {sorted(COMPETENCIES)}")
    severity = _str(raw, "severity", where)
    if severity not in SEVERITIES:
        raise CatalogError(f"{where}: severity '{severity}' is not one of {sorted(SEVERITIES)}")
    available = raw.get("available", True)
    if not isinstance(available, bool):
        raise CatalogError(f"{where}: available must be true or false")
    key = etude_id.lower().replace("-", "_")
    folder = raw.get("folder", f"{ETUDES_DIR}/{key}_{slug}")
    if folder != f"{ETUDES_DIR}/{key}_{slug}":
        raise CatalogError(f"{where}: the folder of {etude_id} '{slug}' must be {ETUDES_DIR}/{key}_{slug}, not {folder}")
    common = {
        "id": etude_id,
        "slug": slug,
        "title": _str(raw, "title", where),
        "competency": competency,
        "severity": severity,
        "axiom": _str(raw, "axiom", where),
        "available": available,
        "folder": folder.rstrip("/"),
    }
    if not available:
        return Etude(**common)

    checks = _names(raw, "checks", where)
    if not checks:
        raise CatalogError(f"{where}: checks must name at least one check")
    if len(set(checks)) != len(checks):
        raise CatalogError(f"{where}: checks lists a name twice")
    shared = sorted(set(checks) & set(project_checks))
    if shared:
        raise CatalogError(f"{where}: checks names {shared}, which project_checks runs for every etude already")
    failing = _names(raw, "failing_as_shipped", where)
    if not failing:
        raise CatalogError(f"{where}: failing_as_shipped must name at least one check (an etude is a trap)")
    unknown = sorted(set(failing) - set(checks))
    if unknown:
        raise CatalogError(f"{where}: failing_as_shipped names {unknown}, which are not in checks")
    hints = _strings(raw, "hints", where)
    if len(hints) != HINT_COUNT:
        raise CatalogError(
            f"{where}: hints must hold exactly {HINT_COUNT} entries (where to look, what to measure, "
            f"the shape of the fix); found {len(hints)}"
        )
    select = raw.get("select", [f"+path:{common['folder']}"])
    if isinstance(select, str):
        select = [select]
    if not select or not all(isinstance(s, str) and s for s in select):
        raise CatalogError(f"{where}: select must be a non-empty list of dbt selectors")
    raw_scenarios = raw.get("scenario", [])
    if not isinstance(raw_scenarios, list):
        raise CatalogError(f"{where}: scenarios are written as [[etude.scenario]] tables")
    scenarios = tuple(_parse_scenario(s, f"{where}: scenario #{i + 1}") for i, s in enumerate(raw_scenarios))
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise CatalogError(f"{where}: two scenarios share a name")
    missing = sorted(set(names) - set(checks))
    if missing:
        raise CatalogError(f"{where}: scenarios {missing} must also be listed in checks")
    return Etude(
        **common,
        select=tuple(select),
        checks=tuple(checks),
        failing_as_shipped=frozenset(failing),
        hints=tuple(hints),
        explanation=_str(raw, "explanation", where),
        scenarios=scenarios,
        project_checks=project_checks,
    )


def _parse_scenario(raw: Any, where: str) -> Scenario:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: must be a table")
    name = _check_name(_str(raw, "name", where), where)
    where = where.rsplit(": scenario", 1)[0] + f": scenario '{name}'"
    _only_keys(raw, {"name", "description", "targets", "step"}, where)
    targets = frozenset(_strings(raw, "targets", where))
    unknown_targets = sorted(targets - TARGETS)
    if unknown_targets:
        raise CatalogError(f"{where}: targets {unknown_targets} are not among {sorted(TARGETS)}")
    raw_steps = raw.get("step", [])
    if not isinstance(raw_steps, list) or not raw_steps:
        raise CatalogError(f"{where}: needs at least one [[etude.scenario.step]]")
    steps = tuple(_parse_step(s, f"{where}: step {i + 1}") for i, s in enumerate(raw_steps))
    return Scenario(name=name, steps=steps, description=_optional_str(raw, "description", where), targets=targets)


_STEP_KEYS = {
    "verb", "select", "exclude", "args", "vars", "env", "full_refresh", "expect", "expect_failed",
    "expect_skipped", "description", "assert",
}  # fmt: skip


def _parse_step(raw: Any, where: str) -> Step:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: must be a table")
    _only_keys(raw, _STEP_KEYS, where)
    verb = _str(raw, "verb", where)
    if verb not in STEP_VERBS:
        raise CatalogError(f"{where}: verb '{verb}' is not one of {sorted(STEP_VERBS)}")
    select: tuple[str, ...] | None = None
    if "select" in raw:
        select = tuple(_strings(raw, "select", where))
    expect = raw.get("expect", "success" if "expect_failed" not in raw and "expect_skipped" not in raw else "error")
    if expect not in EXPECTATIONS:
        raise CatalogError(f"{where}: expect must be one of {sorted(EXPECTATIONS)}, got {expect!r}")
    expect_failed = frozenset(_names(raw, "expect_failed", where)) if "expect_failed" in raw else None
    expect_skipped = frozenset(_names(raw, "expect_skipped", where)) if "expect_skipped" in raw else None
    if expect == "success" and expect_failed:
        raise CatalogError(f"{where}: expect = 'success' contradicts a non-empty expect_failed")
    variables = raw.get("vars", {})
    if not isinstance(variables, dict):
        raise CatalogError(f"{where}: vars must be a table, e.g. vars = {{ batch = 2 }}")
    env = raw.get("env", {})
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        raise CatalogError(f"{where}: env must be a table of strings")
    full_refresh = raw.get("full_refresh", False)
    if not isinstance(full_refresh, bool):
        raise CatalogError(f"{where}: full_refresh must be true or false")
    raw_asserts = raw.get("assert", [])
    if not isinstance(raw_asserts, list):
        raise CatalogError(f"{where}: assertions are written as [[etude.scenario.step.assert]] tables")
    return Step(
        verb=verb,
        select=select,
        exclude=tuple(_strings(raw, "exclude", where)),
        args=tuple(_strings(raw, "args", where)),
        vars=dict(variables),
        env=dict(env),
        full_refresh=full_refresh,
        expect=expect,
        expect_failed=expect_failed,
        expect_skipped=expect_skipped,
        description=_optional_str(raw, "description", where),
        assertions=tuple(_parse_assertion(a, f"{where}: assertion #{i + 1}") for i, a in enumerate(raw_asserts)),
    )


def _parse_assertion(raw: Any, where: str) -> Assertion:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: must be a table")
    _only_keys(raw, {"name", "tests", "sql", "description", "expect_error"}, where)
    name = _check_name(_str(raw, "name", where), where)
    tests = tuple(_names(raw, "tests", where))
    sql = raw.get("sql")
    if (not tests) == (sql is None):
        raise CatalogError(f"{where} '{name}': give either tests = [...] or sql = \"...\", not both or neither")
    if sql is not None and (not isinstance(sql, str) or not sql.strip()):
        raise CatalogError(f"{where} '{name}': sql must be a non-empty string")
    expect_error = None
    if "expect_error" in raw:
        if sql is None:
            raise CatalogError(f"{where} '{name}': expect_error applies to an sql assertion only")
        expect_error = _str(raw, "expect_error", where)
    return Assertion(
        name=name,
        tests=tests,
        sql=sql,
        description=_optional_str(raw, "description", where),
        expect_error=expect_error,
    )


def _only_keys(raw: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise CatalogError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(allowed)}")


def _str(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{where}: '{key}' is required and must be a non-empty string")
    return value.strip()


def _optional_str(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise CatalogError(f"{where}: '{key}' must be a string")
    return value.strip()


def _strings(raw: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogError(f"{where}: '{key}' must be a list of non-empty strings")
    return [v.strip() for v in value]


def _names(raw: Mapping[str, Any], key: str, where: str) -> list[str]:
    return [_check_name(v, where) for v in _strings(raw, key, where)]


def _check_name(name: str, where: str) -> str:
    if not _NAME_PATTERN.match(name):
        raise CatalogError(f"{where}: '{name}' is not a dbt node name (lowercase, digits, underscores)")
    return name

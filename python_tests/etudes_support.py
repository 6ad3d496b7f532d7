"""Shared helpers for the etudes engine tests: the fixture project, engines, isolation."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rich.console import Console

from etudes.cli import main
from etudes.dbt_runner import DbtContext, DbtRunner, Invocation
from etudes.warehouse import Warehouse

if TYPE_CHECKING:
    from etudes.catalog import Etude
    from etudes.engine import ScratchSession
    from etudes.fixes import Fix

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURE = HERE / "fixtures" / "etude_project"
FIXTURE_FIXES = HERE / "fixtures" / "etude_fixes"
TARGETS = ("duckdb", "postgres")
# The dbt versions the package is proven on: the project's own (in this process) and the oldest
# it supports, installed by `make install-dbt-1.10` and run as a command of its own.
PROJECT_DBT = "1.11"
DBT_VERSIONS = (PROJECT_DBT, "1.10")
OTHER_DBT = {"1.10": REPO / ".venv-dbt-1.10" / "bin" / "dbt"}
# `make test-full`: every fix on every engine it lists, every solution on every data variant.
FULL_PROOF = os.environ.get("DATA_ETUDES_FULL_PROOF") == "1"
ISOLATION_VARS = ("DATA_ETUDES_DUCKDB_PATH", "DATA_ETUDES_SCHEMA", "DBT_TARGET_PATH", "DBT_LOG_PATH", "DATA_ETUDES_TARGET")


def fix_folders() -> dict[str, Path]:
    """Each etude's alternative and wrong fixes, by etude key: its .meta/fixes/ (fixes.toml, a patch per fix)."""
    from etudes.workspace import Project

    project = Project(REPO)
    folders = {etude.key: project.meta_dir(etude) / "fixes" for etude in project.catalog().available}
    return {key: folder for key, folder in folders.items() if folder.is_dir()}


def postgres_reachable() -> bool:
    try:
        Warehouse.from_env("postgres", os.environ).ensure_reachable()
    except Exception:  # noqa: BLE001
        return False
    return True


def require_target(target: str) -> None:
    """PostgreSQL tests skip on a laptop without it, and fail under CI (CI must not skip silently)."""
    if target != "postgres" or postgres_reachable():
        return
    if os.environ.get("CI"):
        pytest.fail("CI is set but PostgreSQL at 127.0.0.1:5432 is unreachable: the postgres tests must run in CI")
    pytest.skip("PostgreSQL is unreachable (set CI to make this a failure)")


def require_spark() -> None:
    """The Spark leg needs `make install-spark` (pyspark, dbt-spark): it skips without them on a
    laptop, and fails under CI."""
    if importlib.util.find_spec("pyspark") and importlib.util.find_spec("dbt.adapters.spark"):
        return
    if os.environ.get("CI"):
        pytest.fail("CI is set but pyspark and dbt-spark are not installed: run `make install-spark`")
    pytest.skip("pyspark and dbt-spark are not installed (run `make install-spark`; set CI to make this a failure)")


def dbt_executable(version: str) -> Path | None:
    """None for the project's own dbt; the other version's `dbt`, which must be installed under CI."""
    if version == PROJECT_DBT:
        return None
    executable = OTHER_DBT[version]
    if executable.exists():
        return executable
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but dbt {version} is not installed at {executable}: run `make install-dbt-{version}`")
    pytest.skip(f"dbt {version} is not installed (run `make install-dbt-{version}`; set CI to make this a failure)")


def drop_postgres_schemas(prefix: str) -> None:
    """Drop every PostgreSQL schema whose name starts with the prefix a test run used."""
    Warehouse.from_env("postgres", os.environ).drop_schemas(prefix)


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("target", "logs", ".etudes", "*.duckdb"))
    return root


@dataclass
class FixRun:
    report: Any
    outcome: dict[str, str]


@dataclass
class Run:
    code: int
    output: str


def run_cli(*argv: str) -> Run:
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=False, color_system=None)
    code = main(list(argv), console=console)
    return Run(code, buffer.getvalue())


def assert_one_line_error(run: Run, *fragments: str) -> None:
    """A fault the learner can fix: one line, exit code 2, no traceback, saying each fragment."""
    assert run.code == 2, run.output
    assert "Traceback" not in run.output
    assert len([line for line in run.output.splitlines() if line.strip()]) == 1, run.output
    for fragment in fragments:
        assert fragment in run.output, run.output


def fix_overlay(etude: Any, fix: Fix, overlay_dir: Path) -> dict[str, Path]:
    """The files a fix puts over the shipped traps (its patch on its base), written under ``overlay_dir``."""
    from etudes.fixes import fix_texts, write_overlay
    from etudes.workspace import Project

    return write_overlay(fix_texts(Project(REPO), etude, fix), overlay_dir)


def judged_etude(etude: Etude, fix: Fix, engine: str) -> Etude:
    """The checks a run of the fix is judged on. `make test` judges a wrong fix on the checks it
    must fail (and those whose report it reads): that it fails them is the claim, and not running
    the others (an etude's scenarios above all) halves the suite. `make test-full`, a correct fix
    and a fix tuned to the shipped data (which must pass every check there) run every check, and
    only there does `only` (exactly those checks fail) hold the others to passing."""
    must_fail = fix.must_fail(engine)
    if FULL_PROOF or not must_fail or fix.on_variant:
        return etude
    return etude.judged_on(must_fail | frozenset(fix.actual_contains))


def check_fix(session: ScratchSession, etude_id: str, fix: Fix, overlay_dir: Path) -> FixRun:
    """Run the etude's checks with one fix applied; every check must report, and the build must succeed."""
    shipped = session.project.catalog().get(etude_id)
    etude = judged_etude(shipped, fix, session.target)
    report = session.check(etude, fix_overlay(shipped, fix, overlay_dir), variants=fix.on_variant)
    return fix_run(session, etude, fix, report)


def fix_run(session: ScratchSession, etude: Any, fix: Fix, report: Any) -> FixRun:
    """A fix's report, with every check reported and the build done (or refused on a variant)."""
    outcome = {r.name: ("pass" if r.passed else f"{r.actual} ({r.message})") for r in report.results}
    # A fix tuned to the shipped data may break the build on a variant: a table's constraints refuse
    # the rows the fix lets through there (the report says so, with the variant).
    refused_on_variant = fix.on_variant and report.variant is not None
    assert report.build_error is None or refused_on_variant, f"{fix.name} on {session.target}: {report.build_error}"
    assert {r.name for r in report.results} == set(etude.all_checks), outcome
    return FixRun(report, outcome)


def assert_fix_outcome(session: ScratchSession, etude_id: str, fix: Fix, overlay_dir: Path) -> FixRun:
    """Run one fix and judge its verdict (``assert_fix_verdict``)."""
    return assert_fix_verdict(session, fix, check_fix(session, etude_id, fix, overlay_dir))


def assert_fix_verdict(session: ScratchSession, fix: Fix, run: FixRun) -> FixRun:
    """A correct fix (must_fail empty on this engine) passes every check; a wrong one fails at least
    the named checks (exactly those, of the checks judged, when `only`: for a wrong fix that the named
    checks alone can catch)."""
    report, outcome, name = run.report, run.outcome, fix.name
    must_fail = fix.must_fail(session.target)
    if not must_fail:
        assert report.passed, f"{name} is a correct fix, yet on {session.target}: {outcome}"
        return run
    assert not report.passed, f"{name} is a wrong fix, yet every check passes on {session.target}"
    if fix.on_variant:  # tuned to the shipped data: it passed there, and fails on a variant, which it names
        assert report.variant is not None, f"{name} must pass the shipped data and fail on a variant: {outcome}"
        said = f"passes on the shipped data, fails on variant {report.variant}"
        assert all(said in r.message for r in report.results if r.name in must_fail), outcome
    assert must_fail <= report.failed, f"{name} must fail {sorted(must_fail)} on {session.target}: {outcome}"
    if fix.only:
        assert report.failed == must_fail, f"{name} must fail only {sorted(must_fail)} on {session.target}: {outcome}"
    return run


def isolated_runner(
    project_dir: Path, profiles_dir: Path, target: str, tmp: Path, env: dict[str, str], executable: Path | None = None
) -> DbtRunner:
    """dbt for a test project: target folder and logs under `tmp`, `env` set around each call; in this
    process, or with `executable` (see dbt_executable) as a command of its own.

    The one way the suite's own harnesses run dbt, so that isolation lives in etudes.dbt_runner alone.
    """
    context = DbtContext(project_dir, profiles_dir, target, tmp / "target", tmp / "logs", dict(env))
    return DbtRunner(context, executable=executable)


# One entry of dbt's text log: "\x1b[0m12:34:56.789 [error] [MainThread]: <message, maybe several lines>"
_LOG_ENTRY = re.compile(r"^\x1b\[0m[\d:.]+ \[(\w+)\s*\] \[[^\]]*\]: ", re.MULTILINE)


def invoke_reading_errors(runner: DbtRunner, verb: str, *args: str, **kwargs: Any) -> tuple[Invocation, str]:
    """Run one dbt command and return it with the error entries dbt logged meanwhile.

    Some failures (an argument check while parsing an inline query) reach the exception only as
    "Error parsing inline query"; the reason is in the log.
    """
    log = runner.context.log_path / "dbt.log"
    start = log.stat().st_size if log.exists() else 0
    invocation = runner.invoke(verb, args=args, **kwargs)
    with log.open("rb") as handle:
        handle.seek(start)
        parts = _LOG_ENTRY.split(handle.read().decode("utf-8", errors="replace"))
    errors = [message for level, message in zip(parts[1::2], parts[2::2]) if level == "error"]
    return invocation, "\n".join([invocation.error or "", *errors])

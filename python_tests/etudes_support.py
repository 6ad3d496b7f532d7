"""Shared helpers for the etudes engine tests: the fixture project, engines, isolation."""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console

from etudes.cli import main
from etudes.warehouse import Warehouse

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURE = HERE / "fixtures" / "etude_project"
FIXTURE_FIXES = HERE / "fixtures" / "etude_fixes"
TARGETS = ("duckdb", "postgres")
# The engines an etude's alternative and wrong fixes run on. `etudes verify` proves every etude's
# trap and solution on both engines; the fixes prove that the checks judge outcomes rather than
# text, which the same check SQL does alike on both. An etude whose checks differ by engine (a
# query plan, roles and grants) runs its fixes on TARGETS instead. This keeps `make test` quick.
FIX_TARGETS = ("duckdb",)
ISOLATION_VARS = ("DATA_ETUDES_DUCKDB_PATH", "DATA_ETUDES_SCHEMA", "DBT_TARGET_PATH", "DBT_LOG_PATH", "DATA_ETUDES_TARGET")


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


def drop_postgres_schemas(prefix: str) -> None:
    """Drop every PostgreSQL schema whose name starts with the prefix a test run used."""
    Warehouse.from_env("postgres", os.environ).drop_schemas(prefix)


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("target", "logs", ".etudes", "*.duckdb"))
    return root


@dataclass
class Run:
    code: int
    output: str


def run_cli(*argv: str) -> Run:
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=False, color_system=None)
    code = main(list(argv), console=console)
    return Run(code, buffer.getvalue())

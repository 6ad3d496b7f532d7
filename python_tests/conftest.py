"""Fixtures shared by the whole suite.

`etude_session(target)` is one scratch copy of the real project per engine (and per
pytest-xdist worker), seeded once and shared by every test that runs an etude's checks:
`etudes verify` for each etude and the alternative and wrong fixes of each etude.
Seeding costs several dbt seconds; doing it once per engine keeps `make test` quick.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from etudes_support import FULL_PROOF, ISOLATION_VARS, REPO, drop_postgres_schemas, postgres_reachable, require_target

from etudes.engine import ScratchSession
from etudes.workspace import Project


def variants_judged_on(target: str) -> tuple[int, ...] | None:
    """`make test` judges the solutions on hidden data variant 1 on DuckDB and variant 2 on
    PostgreSQL (each variant seeded once per worker and engine costs about as much as the shipped
    seeds); `make test-full` (DATA_ETUDES_FULL_PROOF=1) on every variant on every engine."""
    if FULL_PROOF:
        return None
    return {"duckdb": (1,), "postgres": (2,)}.get(target)


@pytest.fixture(scope="session")
def etude_session() -> Iterator[Callable[[str], ScratchSession]]:
    """Call with a target ("duckdb" or "postgres") to get that engine's seeded scratch session."""
    sessions: dict[str, ScratchSession] = {}

    def get(target: str) -> ScratchSession:
        require_target(target)
        if target not in sessions:
            session = ScratchSession(Project(REPO), target, variants=variants_judged_on(target))
            sessions[target] = session.__enter__()
        return sessions[target]

    yield get
    for session in sessions.values():
        session.__exit__(None, None, None)


@pytest.fixture
def learner_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Isolate a learner-style run: its own DuckDB file and PostgreSQL schema prefix, cleaned up after."""
    for name in ISOLATION_VARS:
        monkeypatch.delenv(name, raising=False)
    schema = f"etudes_test_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("DATA_ETUDES_DUCKDB_PATH", str(tmp_path / "learner.duckdb"))
    monkeypatch.setenv("DATA_ETUDES_SCHEMA", schema)
    yield schema
    if postgres_reachable():
        drop_postgres_schemas(schema)

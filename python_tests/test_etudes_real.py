"""The real catalog against the real project: the shipped-trap snapshot is current, every
available etude has a folder (and every folder an available etude), and `etudes verify`
passes for each of them on DuckDB and PostgreSQL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from etudes_support import REPO, TARGETS

from etudes.engine import verify_etudes
from etudes.workspace import (
    Project,
    check_copies_drift,
    collect_committed_trap_files,
    compare,
    load_snapshot,
    solution_files,
)

PROJECT = Project(REPO)


def snapshot_folders() -> set[str]:
    return {"/".join(path.split("/")[:3]) for path in load_snapshot(PROJECT) if path.startswith("models/etudes/")}


def test_snapshot_matches_the_committed_traps() -> None:
    drift = compare(load_snapshot(PROJECT), collect_committed_trap_files(REPO))
    assert drift.clean, (
        f"etudes/shipped_traps.json is stale ({drift.describe()}): after changing models/etudes or "
        "tests/etudes, run `etudes snapshot` and commit the result"
    )


def test_checks_dbt_runs_are_the_etudes_own() -> None:
    """dbt finds singular tests in tests/ only: tests/etudes/<key>/ must be exactly each etude's
    .meta/checks/, as `etudes snapshot` copies them."""
    drift = check_copies_drift(PROJECT, PROJECT.catalog())
    assert drift.clean, f"tests/etudes/ is not the etudes' .meta/checks/ ({drift.describe()}): run `etudes snapshot`"


def test_available_etudes_are_exactly_the_shipped_folders() -> None:
    available = {e.folder for e in PROJECT.catalog().available}
    folder = REPO / "models" / "etudes"
    on_disk = {f"models/etudes/{d.name}" for d in folder.iterdir() if d.is_dir()} if folder.is_dir() else set()
    assert available == snapshot_folders() == on_disk, (
        "every folder under models/etudes must be an available etude (its .meta/etude.toml) "
        "(and `etudes snapshot` must have recorded it), and every available etude must have its folder"
    )


def test_every_available_etude_ships_a_brief_and_a_solution() -> None:
    snapshot = load_snapshot(PROJECT)
    for etude in PROJECT.catalog().available:
        assert f"{etude.folder}/README.md" in snapshot, f"{etude.id} has no README.md brief"
        assert solution_files(PROJECT, etude), f"{etude.id} has no {etude.folder}/.meta/solution/"


@pytest.mark.parametrize("target", TARGETS)
def test_verify(etude_session, target: str) -> None:
    """What `etudes verify --target <target>` runs (every etude's trap from one build and one test
    run, then every solution likewise and on the session's variants), in the suite's shared seeded
    session. Each etude's verdict is its own: ``verify_etude`` gives the same, one etude at a time."""
    session = etude_session(target)
    etudes = session.project.catalog().available
    outcomes = verify_etudes(session, etudes, load_snapshot(PROJECT))
    assert [outcome.etude_id for outcome in outcomes] == [etude.id for etude in etudes]
    problems = [f"{o.etude_id} on {target}: " + "; ".join(o.problems) for o in outcomes if not o.ok]
    assert not problems, "\n".join(problems)
    for outcome in outcomes:  # the solution passed on the variants this session judges on, not on the shipped data only
        assert outcome.solved is not None and outcome.solved.variants_passed, outcome.etude_id


def test_verify_covers_etudes() -> None:
    assert PROJECT.catalog().available, "no etude is available: the verify tests would run nothing"


def test_committed_traps_ignore_unstaged_edits_but_not_staged_ones(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    trap = tmp_path / "models" / "etudes" / "dme_001_x" / "model.sql"
    trap.parent.mkdir(parents=True)
    trap.write_text("select 1 as shipped\n")
    git("init", "-q")
    git("add", ".")
    assert collect_committed_trap_files(tmp_path) == {"models/etudes/dme_001_x/model.sql": "select 1 as shipped\n"}
    trap.write_text("select 2 as learner_edit\n")
    assert collect_committed_trap_files(tmp_path)["models/etudes/dme_001_x/model.sql"] == "select 1 as shipped\n"
    git("add", ".")
    assert collect_committed_trap_files(tmp_path)["models/etudes/dme_001_x/model.sql"] == "select 2 as learner_edit\n"

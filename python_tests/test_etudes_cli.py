"""The `etudes` command on the fixture project: board, hints, solutions, reset, snapshot, state,
and every error a user can cause (one line, exit code 2, no traceback)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from etudes_support import REPO, assert_one_line_error, copy_fixture, run_cli
from rich.console import Console

from etudes import display
from etudes.state import State, load_state, save_state
from etudes.workspace import Project, load_snapshot


def test_list_shows_every_etude_with_status_and_progress(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    run = run_cli("list", "--project-dir", str(root))
    assert run.code == 0
    assert "DME-001" in run.output and "Revenue per customer" in run.output and "output evaluation" in run.output
    assert "coming soon" in run.output
    assert "Progress: 0 of 2 available etudes solved, 1 coming soon." in run.output


def test_real_board_lists_eleven_etudes() -> None:
    run = run_cli("list", "--project-dir", str(REPO))
    assert run.code == 0
    for number in range(1, 12):
        assert f"DME-{number:03d}" in run.output


def test_list_reflects_recorded_results(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    state_path = Project(root).state_path
    state_path.parent.mkdir()
    state_path.write_text(json.dumps({"format": 1, "etudes": {
        "DME-001": {"hint_level": 1, "passed_once": True, "last_check": {"target": "duckdb", "passed": True, "failed": [], "at_utc": "x"}},
        "DME-002": {"hint_level": 0, "passed_once": False, "last_check": {"target": "duckdb", "passed": False, "failed": ["a"], "at_utc": "x"}},
    }}))  # fmt: skip
    run = run_cli("list", "--project-dir", str(root))
    assert "solved" in run.output and "trapped" in run.output
    assert "Progress: 1 of 2 available etudes solved" in run.output


def test_a_pass_that_left_a_check_unjudged_is_not_solved_on_the_board(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    state = State().with_check("DME-001", "duckdb", True, (), ("reader_role",))
    assert not state.progress("DME-001").passed_once
    save_state(Project(root).state_path, state)
    run = run_cli("list", "--project-dir", str(root))
    assert "partly judged" in run.output and "Progress: 0 of 2 available etudes solved" in run.output, run.output
    assert "reader_role could not be judged" in run.output, run.output
    solved = state.with_check("DME-001", "postgres", True, (), ())
    assert solved.progress("DME-001").status == "solved"


@pytest.mark.parametrize("argv", [["check", "42"], ["hint", "DME-042"], ["reset", "dme-42"], ["solution", "042"]])
def test_unknown_id_is_one_line(tmp_path: Path, argv: list[str]) -> None:
    run = run_cli(*argv, "--project-dir", str(copy_fixture(tmp_path)))
    assert_one_line_error(run, "no etude DME-042", "etudes list")


def test_malformed_id_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("hint", "three", "--project-dir", str(copy_fixture(tmp_path))), "DME-003, dme-003")


@pytest.mark.parametrize("verb", ["check", "hint", "reset", "solution", "verify"])
def test_unavailable_etude_is_one_line(tmp_path: Path, verb: str) -> None:
    run = run_cli(verb, "3", "--project-dir", str(copy_fixture(tmp_path)))
    assert_one_line_error(run, "DME-003", "coming soon")


def test_hints_come_one_at_a_time_and_by_level(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    first = run_cli("hint", "1", "--project-dir", str(root))
    assert first.code == 0 and "hint 1 of 3" in first.output and "Look at the join" in first.output
    assert "Count the rows" not in first.output
    second = run_cli("hint", "dme-001", "--project-dir", str(root))
    assert "hint 2 of 3" in second.output and "Look at the join" in second.output and "Count the rows" in second.output
    third = run_cli("hint", "001", "--project-dir", str(root))
    assert "hint 3 of 3" in third.output and "last hint" in third.output
    again = run_cli("hint", "1", "--project-dir", str(root))
    assert "hint 3 of 3" in again.output
    assert load_state(Project(root).state_path).progress("DME-001").hint_level == 3
    level = run_cli("hint", "2", "--level", "2", "--project-dir", str(root))
    assert "hint 2 of 3" in level.output and "Run it twice" in level.output
    assert_one_line_error(run_cli("hint", "2", "--level", "4", "--project-dir", str(root)), "hints 1 to 3")


def test_solution_is_locked_until_the_etude_passes(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    assert_one_line_error(run_cli("solution", "1", "--project-dir", str(root)), "has not passed yet", "--force")
    forced = run_cli("solution", "1", "--force", "--project-dir", str(root))
    assert forced.code == 0
    assert "models/etudes/dme_001_revenue/customer_revenue.sql" in forced.output
    assert "+    select distinct order_id" in forced.output
    assert "-    inner join payments" in forced.output


def test_reset_restores_the_shipped_trap_without_git(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    assert not (root / ".git").exists()
    shipped = load_snapshot(Project(root))
    meta = root / "models/etudes/dme_001_revenue/.meta"
    maintainers = {p: p.read_bytes() for p in meta.rglob("*") if p.is_file()}
    model = root / "models/etudes/dme_001_revenue/customer_revenue.sql"
    model.write_text("select 1 as customer_id, 0 as revenue_usd\n")
    (root / "models/etudes/dme_001_revenue/learner_scratch.sql").write_text("select 1\n")
    (root / "tests/etudes/dme_001/revenue_reconciles_to_orders.sql").unlink()
    other = root / "models/etudes/dme_002_reload/orders_loaded.sql"
    other.write_text("-- edited\n")

    run = run_cli("reset", "1", "--project-dir", str(root))
    assert run.code == 0, run.output
    owned = {p: t for p, t in shipped.items() if p.startswith(("models/etudes/dme_001_revenue/", "tests/etudes/dme_001/"))}
    on_disk = {
        p.relative_to(root).as_posix(): p.read_text()
        for base in ("models/etudes/dme_001_revenue", "tests/etudes/dme_001")
        for p in (root / base).rglob("*")
        if p.is_file() and meta not in p.parents
    }
    assert on_disk == owned
    assert {p: p.read_bytes() for p in meta.rglob("*") if p.is_file()} == maintainers, "reset leaves .meta/ alone"
    assert other.read_text() == "-- edited\n", "reset touches only the named etude"

    # What the learner changed or added is kept; the deleted test needs no copy (it is the shipped one).
    backups = list((root / ".etudes/backup/DME-001").iterdir())
    assert len(backups) == 1 and re.fullmatch(r"\d{8}T\d{6}Z", backups[0].name), backups
    kept = {p.relative_to(backups[0]).as_posix(): p.read_text() for p in backups[0].rglob("*") if p.is_file()}
    assert kept == {
        "models/etudes/dme_001_revenue/customer_revenue.sql": "select 1 as customer_id, 0 as revenue_usd\n",
        "models/etudes/dme_001_revenue/learner_scratch.sql": "select 1\n",
    }
    assert "Your 2 changed or added files" in run.output, run.output
    assert f"kept in .etudes/backup/DME-001/{backups[0].name}/" in run.output, run.output

    again = run_cli("reset", "1", "--project-dir", str(root))
    assert again.code == 0 and "nothing of yours to keep" in again.output, again.output
    assert len(list((root / ".etudes/backup/DME-001").iterdir())) == 1


def test_reset_keeps_a_solved_etude_solved_on_the_board(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    state_path = Project(root).state_path
    state_path.parent.mkdir()
    passed = {"target": "duckdb", "passed": True, "failed": [], "at_utc": "x"}
    state_path.write_text(json.dumps({"format": 1, "etudes": {
        "DME-001": {"hint_level": 2, "passed_once": True, "last_check": passed},
        "DME-002": {"hint_level": 0, "passed_once": True, "last_check": passed},
    }}))  # fmt: skip
    for etude in ("1", "2"):
        run = run_cli("reset", etude, "--project-dir", str(root))
        assert run.code == 0 and "stays solved on the board" in run.output, run.output
    board = run_cli("list", "--project-dir", str(root)).output
    assert "Progress: 2 of 2 available etudes solved" in board, board
    assert "not started" not in board and "Next:" not in board, board
    assert load_state(state_path).progress("DME-001").hint_level == 2


def test_reset_clears_the_last_result_but_keeps_hints(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    run_cli("hint", "1", "--project-dir", str(root))
    state_path = Project(root).state_path
    data = json.loads(state_path.read_text())
    data["etudes"]["DME-001"]["last_check"] = {"target": "duckdb", "passed": False, "failed": ["x"], "at_utc": "t"}
    state_path.write_text(json.dumps(data))
    run_cli("reset", "1", "--project-dir", str(root))
    progress = load_state(state_path).progress("DME-001")
    assert progress.status == "not started" and progress.hint_level == 1


def test_corrupt_state_is_a_fresh_start(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    Project(root).state_path.parent.mkdir()
    Project(root).state_path.write_text("{not json")
    assert run_cli("list", "--project-dir", str(root)).code == 0
    assert run_cli("hint", "1", "--project-dir", str(root)).code == 0


def test_snapshot_check_detects_drift_and_snapshot_refreshes(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    assert run_cli("snapshot", "--check", "--project-dir", str(root)).code == 0
    (root / "models/etudes/dme_001_revenue/new_model.sql").write_text("select 1 as one\n")
    drift = run_cli("snapshot", "--check", "--project-dir", str(root))
    assert drift.code == 1 and "new_model.sql" in drift.output
    assert run_cli("snapshot", "--project-dir", str(root)).code == 0
    assert run_cli("snapshot", "--check", "--project-dir", str(root)).code == 0


def test_missing_snapshot_is_one_line(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    Project(root).snapshot_path.unlink()
    assert_one_line_error(run_cli("reset", "1", "--project-dir", str(root)), "etudes snapshot")


def test_broken_catalog_is_one_line(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    catalog = root / "models/etudes/dme_001_revenue/.meta/etude.toml"
    catalog.write_text(catalog.read_text().replace('severity = "high"', 'severity = "huge"'))
    assert_one_line_error(run_cli("list", "--project-dir", str(root)), "models/etudes/dme_001_revenue/.meta/etude.toml: DME-001: severity 'huge'")


def test_missing_profile_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, learner_env) -> None:
    root = copy_fixture(tmp_path)
    (root / "profiles.yml").unlink()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DBT_PROFILES_DIR", raising=False)
    assert_one_line_error(run_cli("check", "1", "--project-dir", str(root)), "no profiles.yml", "profiles.example.yml")


def test_unreachable_postgres_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, learner_env) -> None:
    monkeypatch.setenv("DATA_ETUDES_PG_PORT", "1")
    run = run_cli("check", "1", "--target", "postgres", "--project-dir", str(copy_fixture(tmp_path)))
    assert_one_line_error(run, "PostgreSQL at postgres@127.0.0.1:1/postgres is unreachable", "DATA_ETUDES_PG_HOST")


def test_locked_duckdb_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, learner_env) -> None:
    database = tmp_path / "held.duckdb"
    monkeypatch.setenv("DATA_ETUDES_DUCKDB_PATH", str(database))
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "c.execute('create table t (x int)'); print('ready', flush=True); time.sleep(120)"), str(database)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        run = run_cli("check", "1", "--project-dir", str(copy_fixture(tmp_path)))
        assert_one_line_error(run, "held.duckdb is locked by another process", f"PID {holder.pid}", "close it")
    finally:
        holder.kill()
        holder.wait()


def test_deleted_check_is_one_line(tmp_path: Path, learner_env) -> None:
    root = copy_fixture(tmp_path)
    (root / "tests/etudes/dme_001/revenue_reconciles_to_orders.sql").unlink()
    run = run_cli("check", "1", "--project-dir", str(root))
    assert_one_line_error(run, "'revenue_reconciles_to_orders' is not in the dbt project", "etudes reset DME-001")


def test_console_script_errors_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "etudes.cli", "hint", "99", "--project-dir", str(copy_fixture(tmp_path))],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "no etude DME-099" in result.stderr


def test_demo_points_a_newcomer_to_the_capstone_specification_and_lineage() -> None:
    def shown(catalog) -> str:
        buffer = io.StringIO()
        display.capstone_pointer(Console(file=buffer, width=200, color_system=None), catalog)
        return buffer.getvalue()

    text = shown(Project(REPO).catalog())
    assert "models/etudes/dme_011_capstone/README.md" in text, text
    assert "etudes lineage DME-011" in text and "etudes check DME-011" in text, text
    assert (REPO / "models/etudes/dme_011_capstone/README.md").is_file()
    assert shown(Project(REPO / "python_tests/fixtures/etude_project").catalog()) == ""  # no capstone, no pointer


@pytest.mark.parametrize("options", [[], ["--target", "postgres"]], ids=["alone", "with-options"])
def test_etudes_with_no_verb_shows_the_board_with_a_command_that_works(tmp_path: Path, options: list[str]) -> None:
    root = copy_fixture(tmp_path)
    run = run_cli(*options, "--project-dir", str(root))
    assert run.code == 0, run.output
    assert "Progress: 0 of 2 available etudes solved" in run.output
    assert "then run .venv/bin/etudes check DME-001" in run.output, run.output
    assert (REPO / ".venv/bin/etudes").is_file(), "the command the board prints is the one `make install` makes"

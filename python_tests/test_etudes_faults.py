"""Faults a learner meets on the way, each said the way they can act on: a bad setting or a missing
file is one line and exit 2; a build that fails says that no check ran and shows dbt's error with
its lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from etudes_support import assert_one_line_error, copy_fixture, require_target, run_cli

from etudes.state import load_state
from etudes.workspace import Project


def test_a_port_that_is_no_number_is_one_line_on_postgres(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, learner_env) -> None:
    monkeypatch.setenv("DATA_ETUDES_PG_PORT", "abc")
    run = run_cli("check", "1", "--target", "postgres", "--project-dir", str(copy_fixture(tmp_path)))
    assert_one_line_error(run, "DATA_ETUDES_PG_PORT is 'abc', not a port number", "5432")


def test_a_port_that_is_no_number_does_not_stop_duckdb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, learner_env) -> None:
    """Only the PostgreSQL output reads the port, and dbt renders only the target's own output."""
    monkeypatch.setenv("DATA_ETUDES_PG_PORT", "abc")
    run = run_cli("check", "1", "--project-dir", str(copy_fixture(tmp_path)))
    assert run.code == 1 and "FAIL revenue_matches_known_answer" in run.output, run.output


@pytest.mark.parametrize(
    ("variable", "value", "fragments"),
    [
        ("DATA_ETUDES_PG_USER", "etudes_no_such_role", ['the role "etudes_no_such_role" does not exist', "DATA_ETUDES_PG_USER"]),
        ("DATA_ETUDES_PG_DATABASE", "etudes_no_such_db", ['the database "etudes_no_such_db" does not exist', "createdb"]),
    ],
    ids=["role", "database"],
)
def test_a_missing_role_or_database_is_named_not_called_unreachable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, fragments: list[str], learner_env
) -> None:
    require_target("postgres")
    monkeypatch.setenv(variable, value)
    run = run_cli("check", "1", "--target", "postgres", "--project-dir", str(copy_fixture(tmp_path)))
    assert_one_line_error(run, "answers, but", *fragments)
    assert "unreachable" not in run.output and "start it" not in run.output


def test_a_broken_build_says_no_check_ran_and_keeps_the_yaml_excerpt_lines(tmp_path: Path, learner_env) -> None:
    root = copy_fixture(tmp_path)
    properties = root / "models/etudes/dme_001_revenue/_dme_001__models.yml"
    lines = properties.read_text().splitlines(keepends=True)
    assert lines[4].strip() == "columns:"
    lines[4] = "   " + lines[4]  # indented under `description:`: a YAML syntax error on line 5
    properties.write_text("".join(lines))

    run = run_cli("check", "1", "--project-dir", str(root))
    assert run.code == 1, run.output
    for check in ("one_row_per_customer", "revenue_matches_known_answer", "revenue_reconciles_to_orders"):
        assert f"NOT RUN {check}: the build failed" in run.output, run.output
    assert "FAIL" not in run.output and "checks fail" not in run.output, run.output
    assert "The build failed, so none of the 3 checks ran" in run.output, run.output
    # The excerpt of the file, one line of YAML per line of output, as dbt wrote it.
    excerpt = [line for line in run.output.splitlines() if re.search(r"^\W*\d+\s+\| ", line)]
    assert len(excerpt) >= 4 and any("5  |        columns:" in line for line in excerpt), run.output
    assert load_state(Project(root).state_path).progress("DME-001").status == "trapped"


def test_a_deleted_model_file_points_to_reset(tmp_path: Path, learner_env) -> None:
    root = copy_fixture(tmp_path)
    (root / "models/etudes/dme_001_revenue/customer_revenue.sql").unlink()
    run = run_cli("check", "1", "--project-dir", str(root))
    assert_one_line_error(
        run, "shipped file models/etudes/dme_001_revenue/customer_revenue.sql is missing", "`etudes reset DME-001`"
    )
    assert not Project(root).state_path.exists(), "a check that could not run records nothing"

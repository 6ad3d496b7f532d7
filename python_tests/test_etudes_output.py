"""What the learner reads is whole at any width: `etudes solution` never cuts a diff line, and a
failing check with a wide sample (12 columns) shows every value, rows of each kind, and how many
rows there are in all and where to read them."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from etudes_support import REPO, copy_fixture
from rich.console import Console

from etudes import display, engine
from etudes.results import CheckResult, EtudeReport, sample
from etudes.warehouse import Rows
from etudes.workspace import Project

WIDTHS = (80, 200)


def rendered(width: int, draw) -> str:
    buffer = io.StringIO()
    draw(Console(file=buffer, width=width, force_terminal=False, color_system=None))
    return buffer.getvalue()


def diff_lines(project: Project, etude: str) -> list[str]:
    _, diffs = engine.solution(project, etude, force=True)
    return [line for diff in diffs for line in diff.diff.splitlines()]


@pytest.mark.parametrize("width", WIDTHS)
def test_solution_diff_lines_are_never_cut(width: int) -> None:
    project = Project(REPO)
    expected = diff_lines(project, "7")
    assert max(len(line) for line in expected) > 80, "DME-007's diff has lines longer than 80 columns"
    etude, diffs = engine.solution(project, "7", force=True)
    output = rendered(width, lambda console: display.solution_view(console, etude, diffs)).splitlines()
    missing = [line for line in expected if line not in output]
    assert not missing, missing
    assert "+    from ({{ data_etudes.dedupe('copies_in_window', 'event_id', 'received_at_utc desc') }}) as deduped" in output


def test_solution_into_a_pipe_is_whole(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "etudes.cli", "solution", "1", "--force", "--project-dir", str(root)],
        capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin", "COLUMNS": "40"},
    )  # fmt: skip
    output = done.stdout.splitlines()
    expected = diff_lines(Project(root), "1")
    assert [line for line in expected if line not in output] == []
    assert "\x1b[" not in done.stdout, "no colour codes into a pipe"


# A known-answer comparison's stored failures, 12 columns wide: 4 rows missing, 3 unexpected,
# each unexpected row the twin (same key) of a missing one.
COLUMNS = (
    "diff_kind", "order_id", "customer_id", "ordered_at_utc", "status", "channel", "product_category",
    "quantity", "unit_price_usd", "discount_usd", "amount_usd", "failure_reason",
)  # fmt: skip


def stored_row(kind: str, key: int, amount: str) -> tuple[object, ...]:
    reason = "row expected but absent from the model" if kind == "missing" else "row in the model but not expected"
    return (kind, key, 100 + key, f"2024-03-0{key} 10:00:00", "completed", "web", "Knitwear and accessories",
            2, "19.99", None, amount, f"{reason} (tolerance 0.01)")  # fmt: skip


STORED = Rows(
    COLUMNS,
    tuple(
        [stored_row("missing", key, "39.98") for key in (1, 2, 3, 4)]
        + [stored_row("unexpected", key, "79.96") for key in (1, 2, 3)]
    ),
)
RELATION = '"warehouse"."main_dbt_test__audit"."orders_match_known_answer"'


@pytest.mark.parametrize("width", WIDTHS)
def test_a_wide_failing_check_shows_whole_values_both_kinds_and_the_count(width: int) -> None:
    shown = sample(STORED, total=7, relation=RELATION)
    assert [row[0] for row in shown.rows].count("unexpected") == 3, "the sample takes each kind in turn"
    result = CheckResult("orders_match_known_answer", False, "no failing rows", "7 failing rows", shown)
    report = EtudeReport("DME-003", "duckdb", (result,))
    etude = Project(REPO).catalog().get("3")
    output = rendered(width, lambda console: display.check_report(console, etude, report))

    assert f"7 failing rows (showing 6); see all: select * from {RELATION}" in output, output
    lines = output.splitlines()
    for value in ("Knitwear and accessories", "row in the model but not expected (tolerance 0.01)", "unit_price_usd"):
        assert any(value in line for line in lines), f"{value!r} is cut at width {width}:\n{output}"
    assert "missing" in output and "unexpected" in output
    if width == 80:
        assert [line for line in lines if len(line) > 80 and "see all" not in line] == []
        assert "row 6 of 6" in output, "too wide for 80 columns: one row at a time"


def test_a_pass_with_a_check_not_applicable_here_does_not_call_the_etude_solved() -> None:
    """DME-010's grants cannot be judged on DuckDB: the other checks pass, the role check is N/A, and
    the report says which check was not judged instead of "All checks pass" and the explanation."""
    passed = CheckResult("each_web_event_appears_once", True, "no failing rows", "no failing rows")
    role = "reader_role_sees_the_marts_and_no_personal_data"
    unjudged = CheckResult(role, False, "scenario", "not applicable on duckdb", kind="scenario", applicable=False)
    report = EtudeReport("DME-010", "duckdb", (passed, unjudged))
    assert report.passed and not report.solved
    etude = Project(REPO).catalog().get("10")
    output = rendered(200, lambda console: display.check_report(console, etude, report))

    assert f"N/A  {role}" in output and f"not judged here: {role}" in output, output
    assert "All " not in output and "What was going on" not in output, output

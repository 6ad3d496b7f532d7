"""End to end on the fixture project, on DuckDB and PostgreSQL: a learner's path through an
etude, `etudes verify`, and overlays (alternative fixes pass, plausible wrong fixes fail)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from etudes_support import FIXTURE, FIXTURE_FIXES, TARGETS, copy_fixture, require_target, run_cli

from etudes.engine import ScratchSession, check_with_overlay
from etudes.workspace import Project, files_under


@pytest.fixture(params=TARGETS)
def target(request: pytest.FixtureRequest) -> str:
    require_target(request.param)
    return request.param


def test_learner_path(tmp_path: Path, target: str, learner_env) -> None:
    root = copy_fixture(tmp_path)
    at = ["--project-dir", str(root), "--target", target]

    trapped = run_cli("check", "1", *at)
    assert trapped.code == 1, trapped.output
    assert "PASS one_row_per_customer" in trapped.output
    assert "FAIL revenue_matches_known_answer" in trapped.output
    assert "no failing rows" in trapped.output and "2 failing rows" in trapped.output
    assert "expected_revenue_usd" in trapped.output and "60.00" in trapped.output  # a stored failing row
    assert "What was going on" not in trapped.output
    assert "trapped" in run_cli("list", *at).output

    assert run_cli("hint", "1", *at).code == 0
    assert run_cli("solution", "1", *at).code == 2

    shutil.copy(root / "models/etudes/dme_001_revenue/.meta/solution/customer_revenue.sql",
                root / "models/etudes/dme_001_revenue/customer_revenue.sql")  # fmt: skip
    solved = run_cli("check", "dme-001", *at)
    assert solved.code == 0, solved.output
    assert "All 3 checks pass" in solved.output and "What was going on" in solved.output
    assert "Progress: 1 of 2 available etudes solved" in run_cli("list", *at).output
    assert "select distinct order_id" in run_cli("solution", "1", *at).output

    assert run_cli("reset", "1", *at).code == 0
    assert run_cli("check", "1", *at).code == 1


def test_scenario_reports_the_deviating_step(tmp_path: Path, target: str, learner_env) -> None:
    root = copy_fixture(tmp_path)
    run = run_cli("check", "2", "--project-dir", str(root), "--target", target)
    assert run.code == 1, run.output
    assert "FAIL rerun_leaves_each_order_once (scenario)" in run.output
    assert "after step 4/4" in run.output and "each_order_once" in run.output
    assert "6 violating rows" in run.output and "copies" in run.output


def test_verify_passes_from_shipped_traps_even_with_an_edited_tree(tmp_path: Path, target: str) -> None:
    root = copy_fixture(tmp_path)
    # A learner's working tree that already holds the fix must not change what verify sees.
    shutil.copy(root / "models/etudes/dme_001_revenue/.meta/solution/customer_revenue.sql",
                root / "models/etudes/dme_001_revenue/customer_revenue.sql")  # fmt: skip
    run = run_cli("verify", "--project-dir", str(root), "--target", target)
    assert run.code == 0, run.output
    assert run.output.count(" ok ") == 2 and "verify passed: 2 runs" in run.output


def test_verify_reports_a_wrong_catalog(tmp_path: Path, target: str) -> None:
    root = copy_fixture(tmp_path)
    catalog = root / "models/etudes/dme_001_revenue/.meta/etude.toml"
    text = catalog.read_text().replace(
        'failing_as_shipped = ["revenue_matches_known_answer", "revenue_reconciles_to_orders"]',
        'failing_as_shipped = ["revenue_matches_known_answer", "one_row_per_customer"]',
    )
    catalog.write_text(text)
    (root / "models/etudes/dme_001_revenue/.meta/solution/customer_revenue.sql").unlink()
    run = run_cli("verify", "1", "--project-dir", str(root), "--target", target)
    assert run.code == 1, run.output
    assert "['one_row_per_customer'] pass but the catalog says they fail" in run.output
    assert "['revenue_reconciles_to_orders'] fail but the catalog says they pass" in run.output
    assert "no reference solution under models/etudes/dme_001_revenue/.meta/solution/" in run.output


@pytest.fixture(scope="module", params=TARGETS)
def session(request: pytest.FixtureRequest) -> Iterator[ScratchSession]:
    require_target(request.param)
    with ScratchSession(Project(FIXTURE), request.param) as scratch:
        yield scratch


@pytest.mark.parametrize(
    ("etude", "fix", "passes"),
    [
        ("DME-001", "exists_filter", True),
        ("DME-001", "sum_distinct", False),
        ("DME-001", "drop_split_payments", False),
        ("DME-002", "strict_filter", True),
        ("DME-002", "full_refresh_every_run", False),
    ],
)
def test_checks_judge_outcomes_not_text(session: ScratchSession, etude: str, fix: str, passes: bool) -> None:
    catalog = session.project.catalog()
    report = session.check(catalog.get(etude), files_under(FIXTURE_FIXES / etude.lower().replace("-", "_") / fix))
    assert report.build_error is None
    assert report.passed is passes, [(r.name, r.actual) for r in report.results]


def test_check_with_overlay_is_a_one_call_api() -> None:
    report = check_with_overlay(Project(FIXTURE), "1", FIXTURE_FIXES / "dme_001" / "sum_distinct")
    assert not report.passed and report.failed == {"revenue_matches_known_answer", "revenue_reconciles_to_orders"}


def test_demo_builds_platform_and_etude_models_then_shows_the_board(tmp_path: Path, learner_env) -> None:
    root = copy_fixture(tmp_path)
    run = run_cli("demo", "--project-dir", str(root))
    assert run.code == 0, run.output
    assert "built platform" in run.output and "built etude models" in run.output
    assert "DME-001" in run.output and "not started" in run.output
    (root / "seeds/raw/raw_orders.csv").write_text("order_id,customer_id\n1,\n1,2,3\n")  # a broken platform
    broken = run_cli("demo", "--project-dir", str(root))
    assert broken.code == 1 and "platform itself failed" in broken.output

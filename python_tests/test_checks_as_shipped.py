"""A check judges only as shipped: a learner who weakens one sees it fail, named, whatever the data.

For every etude, the reference solution (every check passes) plus one weakened check: a `where`
that hides every row, a looser threshold, `severity: warn`, an edited singular test, an edited
macro of the package, an edited known-answer seed. The weakened check, and no other, must fail
with the message that names it; the snapshot the comparison reads must match the project.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from etudes_support import REPO, copy_fixture, run_cli

from etudes.engine import ScratchSession
from etudes.workspace import Project, solution_files

PROJECT = Project(REPO)


def _yaml_config(extra: dict[str, object]) -> Callable[[str, str], str]:
    """Add configs to the data test named `check` in a properties file."""

    def edit(text: str, check: str) -> str:
        document = yaml.safe_load(text)
        found = []

        def visit(value: object) -> None:
            if isinstance(value, dict):
                for test, body in value.items():
                    if isinstance(body, dict) and body.get("name") == check:
                        body.setdefault("config", {}).update(extra)
                        found.append(test)
                for child in value.values():
                    visit(child)
            elif isinstance(value, list):
                for child in value:
                    visit(child)

        visit(document)
        assert found, f"no data test named {check}"
        return yaml.safe_dump(document, sort_keys=False)

    return edit


def _singular_filter(text: str, check: str) -> str:
    """Keep a singular test's SQL but let it find nothing: `where 1 = 0` around it."""
    return f"select * from (\n{text.rstrip().rstrip(';')}\n) as weakened where 1 = 0\n"


def _first_expected_row_dropped(text: str, check: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(lines[:1] + lines[2:])


def _macro_commented(text: str, check: str) -> str:
    """A comment inside the package's equals_expected test: the code differs, the behaviour not."""
    marker = "{% test equals_expected("
    start = text.index(marker)
    end = text.index("%}", start) + 2
    return text[:end] + "{# weakened #}" + text[end:]


# etude -> (the check weakened, the file that holds it, how it is weakened)
WEAKENED: dict[str, tuple[str, str, Callable[[str, str], str]]] = {
    "DME-001": ("every_product_row_accounted_for", "tests/etudes/dme_001/every_product_row_accounted_for.sql", _singular_filter),
    "DME-002": ("orders_v1_matches_known_answers", "models/etudes/dme_002_migration_safety/_dme_002__models.yml",
                _yaml_config({"where": "1 = 0"})),
    "DME-003": ("category_sales_match_known_answers", "models/etudes/dme_003_query_review/_dme_003__models.yml",
                _yaml_config({"error_if": "> 1000"})),
    "DME-004": ("api_rows_carry_their_load_metadata", "models/etudes/dme_004_pipeline_specification/_dme_004__models.yml",
                _yaml_config({"severity": "warn"})),
    "DME-005": ("marketplace_daily_sales_match_known_answers",
                "seeds/expected/expected_dme_005__marketplace_daily_sales.csv", _first_expected_row_dropped),
    "DME-006": ("payments_match_known_answers", "macros/gates/known_answers.sql", _macro_commented),
    "DME-007": ("web_events_equal_a_clean_build_so_far", "tests/etudes/dme_007/web_events_equal_a_clean_build_so_far.sql",
                _singular_filter),
    "DME-008": ("trading_day_report_matches_known_answers", "models/etudes/dme_008_performance/_dme_008__models.yml",
                _yaml_config({"limit": 0})),
    "DME-009": ("orders_api_matches_known_answers", "tests/etudes/dme_009/orders_api_matches_known_answers.sql",
                _singular_filter),
    "DME-010": ("marketing_export_matches_known_answers", "models/etudes/dme_010_governance/_dme_010__models.yml",
                _yaml_config({"warn_if": "> 1000", "error_if": "> 1000"})),
    "DME-011": ("each_order_loaded_once", "models/etudes/dme_011_capstone/_dme_011__models.yml",
                _yaml_config({"where": "loaded_at_utc is null"})),
}  # fmt: skip


def test_every_etude_has_a_weakened_check_case() -> None:
    assert set(WEAKENED) == {etude.id for etude in PROJECT.catalog().available}


def test_the_shipped_check_definitions_cover_every_check() -> None:
    recorded = json.loads(PROJECT.shipped_checks_path.read_text())["checks"]
    named = {name for etude in PROJECT.catalog().available for name in etude.check_tests}
    assert set(recorded) == named


@pytest.mark.parametrize("etude_id", list(WEAKENED))
def test_a_weakened_check_fails_and_says_which(etude_session, tmp_path: Path, etude_id: str) -> None:
    session: ScratchSession = etude_session("duckdb")
    etude = session.project.catalog().get(etude_id)
    check, holder, weaken = WEAKENED[etude_id]
    overlay = dict(solution_files(PROJECT, etude))
    original = overlay.get(holder, REPO / holder)
    weakened = tmp_path / holder
    weakened.parent.mkdir(parents=True, exist_ok=True)
    weakened.write_text(weaken(original.read_text(encoding="utf-8"), check), encoding="utf-8")
    overlay[holder] = weakened

    report = session.check(etude, overlay)

    assert report.build_error is None, report.build_error
    judged = {name for name in etude.checks if name == check or check in etude.scenario_tests(name)}
    failures = {r.name: r.message for r in report.results if not r.passed and r.applicable}
    assert judged <= set(failures), failures
    # Nothing fails for another reason; an edited macro fails every check that calls it.
    for name, message in failures.items():
        assert "differs from the shipped one" in message, (name, message)
    assert f"your copy of {check} differs from the shipped one" in " ".join(failures[name] for name in judged)
    assert all(r.expected == "the check as shipped" for r in report.results if not r.passed and r.applicable)


def test_a_learner_who_weakens_a_check_reads_what_to_do(tmp_path: Path, learner_env) -> None:
    """As a learner would: weaken a singular check, run `etudes check`, read the message, restore it."""
    root = copy_fixture(tmp_path)
    check = root / "tests/etudes/dme_001/revenue_reconciles_to_orders.sql"
    check.write_text(_singular_filter(check.read_text(), "revenue_reconciles_to_orders"))

    run = run_cli("check", "DME-001", "--project-dir", str(root))
    assert run.code == 1, run.output
    assert "your copy of revenue_reconciles_to_orders differs from the shipped one (sql changed)" in run.output
    assert "etudes reset DME-001 --checks" in run.output
    assert "defined in tests/etudes/dme_001/revenue_reconciles_to_orders.sql" in run.output

    reset = run_cli("reset", "DME-001", "--checks", "--project-dir", str(root))
    assert reset.code == 0 and "checks are back as shipped" in reset.output, reset.output
    assert "where 1 = 0" not in check.read_text()
    run = run_cli("check", "DME-001", "--project-dir", str(root))
    assert "differs from the shipped one" not in run.output  # the trap's own failures remain
    assert run.code == 1 and "revenue_reconciles_to_orders" in run.output

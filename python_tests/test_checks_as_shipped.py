"""A check judges only as shipped: a learner who weakens one sees it fail, named, whatever the data.

For every etude, the reference solution plus one weakened check: a `where` that hides every row, a
looser threshold, `severity: warn`, an edited singular test, an edited macro of the package, an
edited known-answer seed. The weakened check, and no other, is reported with the message that
names it; the snapshot the comparison reads must match the project. A learner's full loop (check,
message, reset) is the last test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from etudes_support import REPO, TARGETS, copy_fixture, run_cli

from etudes.engine import ScratchSession
from etudes.shipped_checks import Tampered, load_shipped_checks, tampered_checks
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


@pytest.mark.parametrize("target", TARGETS)
def test_a_weakened_check_is_reported_by_name_on_every_etude(etude_session, tmp_path: Path, target: str) -> None:
    """Every etude's weakened check at once, on its reference solution, in one parse per engine:
    exactly the weakened check is reported as differing (for the edited macro, every check that
    calls it), with what differs. Whether a check differs is read from the manifest, so one parse
    judges all eleven; the end-to-end path (build, tests, message) is the learner's test below."""
    session: ScratchSession = etude_session(target)
    catalog = session.project.catalog()
    overlay: dict[str, Path] = {}
    for etude_id in WEAKENED:
        overlay.update(solution_files(PROJECT, catalog.get(etude_id)))
    for etude_id, (check, holder, weaken) in WEAKENED.items():
        original = overlay.get(holder, REPO / holder)
        weakened = tmp_path / holder
        weakened.parent.mkdir(parents=True, exist_ok=True)
        weakened.write_text(weaken(original.read_text(encoding="utf-8"), check), encoding="utf-8")
        overlay[holder] = weakened

    with session.scratch.overlay(overlay):
        parsed = session.runner.invoke("parse")
        assert parsed.success, parsed.describe_failure()
        files = {name: found[0].original_file_path for name, found in session.runner.tests(parsed).items()}
        shipped = load_shipped_checks(session.project)
        reported: dict[str, dict[str, Tampered]] = {}
        for etude in catalog.available:
            names = etude.check_tests
            found = tampered_checks(names, shipped, session.runner.test_definitions(parsed, names), files)
            reported[etude.id] = found

    # Two weakenings reach beyond their etude: the edited macro changes every check that calls it,
    # and every check reads every seed. Any other difference is the weakened check's alone.
    incidental = {"macro test_equals_expected changed", "seed expected_dme_005__marketplace_daily_sales changed"}
    for etude in catalog.available:
        check = WEAKENED[etude.id][0]
        found = reported[etude.id]
        assert check in found, (etude.id, sorted(found))
        own = set(found[check].differences) - incidental
        assert own or check in {"payments_match_known_answers", "marketplace_daily_sales_match_known_answers"}, found[check]
        others = {name: t.differences for name, t in found.items() if name != check and set(t.differences) - incidental}
        assert not others, (etude.id, others)
        message = found[check].describe(etude)
        assert f"your copy of {check} differs from the shipped one" in message, message
        assert ("etudes reset" in message or "git checkout" in message), message


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


def test_reset_checks_says_which_yaml_of_checks_it_left_as_the_learner_changed_it(tmp_path: Path) -> None:
    """A check defined in the etude's models YAML is not a file `--checks` restores: the learner is
    told which file still differs and how to restore it, not that everything is back as shipped."""
    root = copy_fixture(tmp_path)
    properties = root / "models/etudes/dme_001_revenue/_dme_001__models.yml"
    shipped = properties.read_text()
    assert "data_tests:" in shipped
    properties.write_text(shipped.replace("data_tests:", "data_tests:  # raised a threshold below", 1))

    reset = run_cli("reset", "DME-001", "--checks", "--project-dir", str(root))
    assert reset.code == 0, reset.output
    said = " ".join(reset.output.split())
    assert "models/etudes/dme_001_revenue/_dme_001__models.yml holds checks too" in said, said
    assert "`etudes reset DME-001` restores it" in said, said
    assert "None of its files under tests/etudes/dme_001 differed" in said, said

    properties.write_text(shipped)
    reset = run_cli("reset", "DME-001", "--checks", "--project-dir", str(root))
    assert "holds checks too" not in reset.output, reset.output

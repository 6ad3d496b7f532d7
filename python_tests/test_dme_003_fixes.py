"""DME-003 The Query Review: the checks judge the data, not the text of a fix.

Each overlay under python_tests/fixes/dme_003/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(one scratch copy per engine, seeded once). Alternative correct fixes, written differently
from the reference solution, must pass every check; plausible wrong fixes must fail exactly
the checks named for them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from etudes_support import FIX_TARGETS, HERE, REPO, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession
from oracle.answers.dme_003_query_review import inflation_by_attributing_every_current_version
from oracle.raw import RawTables
from oracle.shop import Shop

FIXES = HERE / "fixes" / "dme_003"
ETUDE = "DME-003"
KNOWN_ANSWERS = "category_sales_match_known_answers"
LINES_ONCE = "each_order_line_counted_once"
RECONCILED = frozenset({"revenue_reconciles_to_product_sales", "units_reconcile_to_product_sales"})
KNOWN_ANSWERS_OUT_OF_REACH = "no_model_reads_the_known_answers"  # the project's gate, run with every etude

# fix -> exactly the checks that fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct: an as-of join, the latest version that began before the order (valid_to unused).
    "as_of_latest_version": frozenset(),
    # Correct: each version's end rebuilt with lead() from the next version, half-open, far-future end.
    "validity_from_next_version": frozenset(),
    # Wrong: select distinct over the joined lines: the renamed products' duplicates go, the re-filed stay.
    "distinct_lines": frozenset({KNOWN_ANSWERS, LINES_ONCE} | RECONCILED),
    # Wrong even with the join fixed: a distinct without the line id merges legitimately identical lines.
    "fixed_join_and_distinct": frozenset({KNOWN_ANSWERS} | RECONCILED),
    # Wrong: only today's version: each line once and totals right, but re-filed sales move to Knitwear.
    "current_version_only": frozenset({KNOWN_ANSWERS}),
    # Wrong: leave the inflated category out of the view.
    "drop_knitwear": frozenset({KNOWN_ANSWERS, LINES_ONCE} | RECONCILED),
    # Wrong: Knitwear's figures written in by hand: the view matches, the lines below still count twice.
    "hardcode_knitwear": frozenset({LINES_ONCE}),
    # Wrong: the view a copy of its known answer (by ref()): its figures match, the lines below still
    # count twice; the project's gate names the copy.
    "copy_known_answers": frozenset({LINES_ONCE, KNOWN_ANSWERS_OUT_OF_REACH}),
    # Wrong: the same copy, read by a literal name built from the target.
    "copy_known_answers_by_name": frozenset({LINES_ONCE, KNOWN_ANSWERS_OUT_OF_REACH}),
}
COPIES = {
    "copy_known_answers": "ref('expected_dme_003__category_sales_monthly')",
    "copy_known_answers_by_name": "{{ target.schema }}_expected.expected_dme_003__category_sales_monthly",
}


@pytest.fixture(params=FIX_TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_the_trap_inflates_one_category_by_about_fifteen_percent() -> None:
    correct, extra, correct_units, extra_units, doubled = inflation_by_attributing_every_current_version(
        Shop(RawTables(REPO / "seeds"))
    )
    assert (correct, extra, doubled) == (Decimal("22099.26"), Decimal("3312.94"), 33)
    assert (correct_units, extra_units) == (274, 44)
    assert round(extra / correct * 100, 1) == Decimal("15.0")


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    run = assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix], only=True)
    if fix in COPIES:
        # The gate names the model, the seed it copies and how it reads it.
        gate = next(r for r in run.report.results if r.name == KNOWN_ANSWERS_OUT_OF_REACH)
        assert gate.rows is not None, gate
        found = [dict(zip(gate.rows.columns, row, strict=True)) for row in gate.rows.rows]
        assert [(r["node_name"], r["seed_name"], r["read_through"]) for r in found] == [
            ("dme_003__category_sales_monthly", "expected_dme_003__category_sales_monthly", COPIES[fix])
        ], found
        assert "reads the known answer expected_dme_003__category_sales_monthly" in found[0]["failure_reason"]

"""DME-001 The Schema Design: the checks judge the data and the table, not the text of a fix.

Each overlay under python_tests/fixes/dme_001/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(one scratch copy per engine, seeded once). Alternative correct fixes, written differently
from the reference solution, must pass every check; plausible wrong fixes must fail, and
the named checks are the ones that must catch them.
"""

from __future__ import annotations

import pytest
from etudes_support import FIX_TARGETS, HERE, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession

FIXES = HERE / "fixes" / "dme_001"
ETUDE = "DME-001"

# fix -> the checks that must fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct, another shape: one row per (exported row, broken rule) in a long table, the first
    # rule by rank; the contract's rules as table-level constraints (primary key on the SKU).
    "rule_breaks_long_format": frozenset(),
    # Wrong: the catalogue filters the 14 bad rows out (its contract is complete), the rejects
    # stay as the agent wrote them: the catalogue is right, 14 rows vanish.
    "filter_out_bad_rows": frozenset({"every_product_row_accounted_for", "rejected_rows_match_known_answers"}),
    # Wrong: the reference fix, but a negative price is "a sign error" repaired with abs():
    # three products the business refused reach the storefront at a price nobody set.
    "repair_prices": frozenset({"catalogue_matches_known_answers", "rejected_rows_match_known_answers"}),
    # Wrong: select distinct for the repeated export row and one row per SKU (the newest) in the
    # catalogue: the duplicate and the older SKU holders are silently dropped, the wrong one kept.
    "distinct_skus": frozenset(
        {"every_product_row_accounted_for", "catalogue_matches_known_answers", "rejected_rows_match_known_answers"}
    ),
}


@pytest.fixture(params=FIX_TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix])

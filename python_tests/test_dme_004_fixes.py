"""DME-004 Pipeline Specification: the checks judge the pipeline's output, not the text of a fix.

Each overlay under python_tests/fixes/dme_004/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(one scratch copy per engine, seeded once). Alternative correct fixes, written differently
from the reference solution, must pass every check; plausible wrong fixes must fail, and
the named checks are the ones that must catch them.
"""

from __future__ import annotations

import pytest
from etudes_support import FIX_TARGETS, HERE, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession

FIXES = HERE / "fixes" / "dme_004"
ETUDE = "DME-004"

# fix -> the checks that must fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct, another shape: staging only judges validity; the customers take the package's
    # dedupe over a model of the valid rows; the rejects are the invalid rows plus the valid
    # copies the customers did not take (an anti-join), instead of one reason column.
    "dedupe_macro_and_anti_join": frozenset(),
    # Wrong: every row judged and cleaned, but the duplicates "removed" with a select distinct
    # over the whole row: drifted copies differ in load_row_id, page and fetch time, so all stay.
    "distinct_whole_row": frozenset(
        {"one_row_per_customer", "customers_match_known_answers", "customer_rejects_match_known_answers"}
    ),
    # Wrong: the reference fix, but rows without an id or an e-mail are filtered out instead of
    # rejected with a reason: the customers are right, 8 raw rows vanish.
    "drop_null_rows": frozenset({"every_api_row_accounted_for", "customer_rejects_match_known_answers"}),
    # Wrong: the reference fix, but the e-mail lower-cased without trim: 23 padded addresses
    # stay padded, and cannot be matched or joined as they are.
    "lower_without_trim": frozenset({"customers_match_known_answers", "customer_emails_are_normalised"}),
    # Wrong: the reference fix, but the first copy the extract saw wins: two customers keep the
    # profile they had before they changed it.
    "first_page_wins": frozenset({"customers_match_known_answers", "customer_rejects_match_known_answers"}),
}


@pytest.fixture(params=FIX_TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix])

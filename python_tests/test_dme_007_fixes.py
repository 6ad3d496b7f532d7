"""DME-007 Idempotency and Recovery: the checks judge the data, not the text of a fix.

Each overlay under python_tests/fixes/dme_007/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks (its tests and its three
scenarios of runs), on DuckDB and on PostgreSQL (one scratch copy per engine, seeded once).
The alternative correct fix, written differently from the reference solution, must pass
every check; the plausible wrong fixes must fail, and the named checks are the ones that
must catch them.
"""

from __future__ import annotations

import pytest
from etudes_support import FIX_TARGETS, HERE, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession

FIXES = HERE / "fixes" / "dme_007"
ETUDE = "DME-007"

# fix -> the checks that must fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct: watermark on arrival time (received_at), merge on event_id, row_number() for the latest copy.
    "arrival_watermark_merge": frozenset(),
    # Wrong: upsert over the right window, but a distinct instead of a dedupe: the copies differ in
    # received_at (and customer_id), so every copy is inserted and each event appears several times.
    "distinct_instead_of_dedupe": frozenset(
        {
            "web_events_match_known_answers",
            "each_event_loaded_once",
            "overlapping_deliveries_match_a_clean_build",
            "rerun_after_a_crash_matches_a_clean_build",
        }
    ),
    # Wrong: a table rebuilt from the whole landing zone on every run: right contents, but each run
    # rewrites the whole history.
    "rebuild_every_run": frozenset({"runs_rewrite_only_recent_events"}),
    # Wrong: unique_key and dedupe, but the agent's one-day lookback: late app events are lost.
    "unique_key_with_one_day_lookback": frozenset(
        {"overlapping_deliveries_match_a_clean_build", "rerun_after_a_crash_matches_a_clean_build"}
    ),
}
# Wrong fixes whose every other check passes: the one named check is all that catches them.
ONLY_THESE_FAIL = frozenset({"rebuild_every_run"})


@pytest.fixture(params=FIX_TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix], only=fix in ONLY_THESE_FAIL)

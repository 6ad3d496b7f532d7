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
from etudes_support import FIX_TARGETS, HERE, REPO

from etudes.engine import ScratchSession
from etudes.workspace import Project, files_under

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
    folder = Project(REPO).catalog().get(ETUDE).folder
    for fix in CASES:
        overlay = files_under(FIXES / fix)
        assert overlay, f"{fix}: no files"
        assert all(path.startswith(folder + "/") for path in overlay), f"{fix}: {sorted(overlay)}"
    assert {path.name for path in FIXES.iterdir() if path.is_dir()} == set(CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    etude = session.project.catalog().get(ETUDE)
    report = session.check(etude, files_under(FIXES / fix))
    outcome = {r.name: ("pass" if r.passed else r.actual) for r in report.results}
    assert report.build_error is None, report.build_error
    assert {r.name for r in report.results} == set(etude.checks), outcome
    must_fail = CASES[fix]
    if not must_fail:
        assert report.passed, f"{fix} is a correct fix, yet on {session.target}: {outcome}"
    else:
        assert not report.passed, f"{fix} is a wrong fix, yet every check passes on {session.target}"
        assert must_fail <= report.failed, f"{fix} must fail {sorted(must_fail)} on {session.target}: {outcome}"
        if fix in ONLY_THESE_FAIL:
            assert report.failed == must_fail, (
                f"{fix} must fail only {sorted(must_fail)} on {session.target}: {outcome}"
            )

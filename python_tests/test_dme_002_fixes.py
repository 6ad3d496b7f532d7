"""DME-002 Migration Safety: the checks judge the data, not the text of a fix.

Each overlay under python_tests/fixes/dme_002/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(one scratch copy per engine, seeded once). Alternative correct fixes, written differently
from the reference solution, must pass every check; plausible wrong fixes must fail, and
the named checks are the ones that must catch them.
"""

from __future__ import annotations


import pytest
from etudes_support import FIX_TARGETS, HERE, REPO

from etudes.engine import ScratchSession
from etudes.workspace import Project, files_under

FIXES = HERE / "fixes" / "dme_002"
ETUDE = "DME-002"

# fix -> the checks that must fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct: take the channel the orders mart already carries (the latest export), no backfill join.
    "channel_from_orders_mart": frozenset(),
    # Correct: no export window; every export of an order has the same channel, so distinct is one per order.
    "no_export_window": frozenset(),
    # Wrong: left join and 'unknown' for the 30 late orders: complete, counts match, values and mix wrong.
    "unknown_channel_default": frozenset(
        {"sales_channels_match_known_answers", "sales_channel_mix_matches_known_answers"}
    ),
    # Wrong: left join and the most common channel (web) for them: 8 of the 30 get the wrong channel.
    "most_common_channel_default": frozenset(
        {"sales_channels_match_known_answers", "sales_channel_mix_matches_known_answers"}
    ),
    # Wrong: drop the late orders from version 1 too, so the versions agree: finance loses 30 orders.
    "drop_late_orders_from_v1": frozenset(
        {
            "orders_v1_matches_known_answers",
            "sales_channels_match_known_answers",
            "sales_channel_mix_matches_known_answers",
        }
    ),
}


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

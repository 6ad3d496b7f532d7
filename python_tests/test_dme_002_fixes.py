"""DME-002 Migration Safety: the checks judge the data, not the text of a fix.

Each overlay under python_tests/fixes/dme_002/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(one scratch copy per engine, seeded once). Alternative correct fixes, written differently
from the reference solution, must pass every check; plausible wrong fixes must fail, and
the named checks are the ones that must catch them.
"""

from __future__ import annotations

import pytest
from etudes_support import FIX_TARGETS, HERE, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession

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
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix])

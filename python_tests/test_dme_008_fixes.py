"""DME-008 Performance at Scale: the checks judge the plan and the figures, not the text of a fix.

Each overlay under python_tests/fixes/dme_008/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(the shared scratch copy per engine). The alternative correct fix, written differently from
the reference solution, must pass every check; the plausible wrong fixes must fail, and the
named checks are the ones that must catch them. Only what PostgreSQL does with an index can
be wrong about an index: DuckDB has no index to choose, so on DuckDB a fix that makes the
predicate sargable is correct whatever index it declares for PostgreSQL.
"""

from __future__ import annotations

import pytest
from etudes_support import HERE, TARGETS, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession

FIXES = HERE / "fixes" / "dme_008"
ETUDE = "DME-008"
PLAN_GATE = "trading_day_report_reads_only_its_day"

# fix -> target -> the checks that must fail (empty: a correct fix there, every check must pass)
CASES: dict[str, dict[str, frozenset[str]]] = {
    # Correct, another shape: the order's date stored once per row at load time, indexed, and
    # compared with equality: a bare column against a constant.
    "stored_order_date": {"duckdb": frozenset(), "postgres": frozenset()},
    # Wrong on PostgreSQL: the range predicate is right, but the index goes on the column the
    # report groups by (sales_channel): the planner still reads the whole table. DuckDB has no
    # index to get wrong, and there the sargable predicate is all the fix needs.
    "index_on_sales_channel": {"duckdb": frozenset(), "postgres": frozenset({PLAN_GATE})},
    # Wrong: the index on ordered_at_utc, and one cast instead of two, matched as a text prefix:
    # still a function of the column, so no index and no zone map applies.
    "text_prefix_match": {"duckdb": frozenset({PLAN_GATE}), "postgres": frozenset({PLAN_GATE})},
}
# Wrong fixes whose figures are right: the plan gate alone catches them.
ONLY_THESE_FAIL = frozenset({"index_on_sales_channel", "text_prefix_match"})


@pytest.fixture(params=TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)
    assert all(set(expected) == set(TARGETS) for expected in CASES.values())
    assert all(set(expected) == set(TARGETS) for expected in CASES.values())


def test_each_wrong_fix_fails_on_an_engine_that_can_tell() -> None:
    wrong = [fix for fix, expected in CASES.items() if any(expected.values())]
    assert len(wrong) == 2, wrong
    assert all(CASES[fix]["postgres"] for fix in wrong)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix][session.target], only=fix in ONLY_THESE_FAIL)

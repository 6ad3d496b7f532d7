"""DME-005 Data Quality Gates: the checks judge the pipeline's behaviour, not the text of a fix.

Each overlay under python_tests/fixes/dme_005/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks (the known-answer test and the
three-delivery scenario), on DuckDB and on PostgreSQL (one scratch copy per engine, seeded
once). Alternative correct fixes, written differently from the reference solution, must pass
every check; plausible wrong fixes must fail, and the named checks are the ones that must
catch them.
"""

from __future__ import annotations

import pytest
from etudes_support import FIX_TARGETS, HERE, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession

FIXES = HERE / "fixes" / "dme_005"
ETUDE = "DME-005"
SCENARIO = "a_broken_delivery_never_reaches_the_dashboard"

# fix -> (the checks that must fail, a phrase the scenario's report must contain); empty: a correct fix
CASES: dict[str, tuple[frozenset[str], str]] = {
    # Correct: gate the raw delivery at the source (the current batch only), so staging never sees it.
    "gate_on_the_source": (frozenset(), ""),
    # Wrong: the reference gates with warn severity: the broken file is reported and flows into the mart.
    "contract_gate_warns": (frozenset({SCENARIO}), "dbt succeeded"),
    # Wrong: an error gate, but with max_rate 0.5: the broken file (42.0 %) passes it.
    "threshold_too_loose": (frozenset({SCENARIO}), "dbt succeeded"),
    # Wrong: the gate one stage late: the mart is saved, but the file reached the intermediate model.
    "gate_on_the_intermediate_model": (
        frozenset({SCENARIO}),
        "the_broken_delivery_stops_before_the_intermediate_model",
    ),
}


@pytest.fixture(params=FIX_TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    must_fail, phrase = CASES[fix]
    run = assert_fix_outcome(session, ETUDE, FIXES, fix, must_fail)
    if must_fail:
        scenario = next(r for r in run.report.results if r.name == SCENARIO)
        assert phrase in scenario.actual, f"{fix} on {session.target}: {scenario.actual}"
    if fix == "gate_on_the_intermediate_model":
        assert_points_at_the_run_log(session, scenario.message)


def assert_points_at_the_run_log(session: ScratchSession, message: str) -> None:
    """A gate stopped the run: the check names it and gives the run log query, which returns that run."""
    query = message[message.index("select ") :]
    assert "[few_marketplace_orders_without_a_customer]" in message, message
    rows = session.warehouse.query(query)
    by_node = {row[0]: row[2] for row in rows.rows}
    assert by_node.get("few_marketplace_orders_without_a_customer") == "fail", rows
    assert by_node.get("dme_005__marketplace_daily_sales") == "skipped", rows

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
from etudes_support import FIX_TARGETS, HERE, REPO

from etudes.engine import ScratchSession
from etudes.workspace import Project, files_under

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
    outcome = {r.name: ("pass" if r.passed else f"{r.actual} ({r.message})") for r in report.results}
    assert report.build_error is None, report.build_error
    assert {r.name for r in report.results} == set(etude.checks), outcome
    must_fail, phrase = CASES[fix]
    if not must_fail:
        assert report.passed, f"{fix} is a correct fix, yet on {session.target}: {outcome}"
        return
    assert not report.passed, f"{fix} is a wrong fix, yet every check passes on {session.target}"
    assert must_fail <= report.failed, f"{fix} must fail {sorted(must_fail)} on {session.target}: {outcome}"
    scenario = next(r for r in report.results if r.name == SCENARIO)
    assert phrase in scenario.actual, f"{fix} on {session.target}: {scenario.actual}"

"""DME-011 The Capstone: the checks judge the data, not the text of a fix.

Each overlay under python_tests/fixes/dme_011/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks (its tests and its two scenarios).
The alternative correct fix, written differently from the reference solution at every stage,
must pass every check. Each plausible wrong fix gets one stage wrong and the others as the
reference solution does, so the named checks are the ones that catch it: its other files are
symbolic links to solutions/models/etudes/dme_011_capstone/, so they follow the solution.
"""

from __future__ import annotations

import pytest
from etudes_support import FIX_TARGETS, HERE, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession

FIXES = HERE / "fixes" / "dme_011"
ETUDE = "DME-011"

# fix -> the checks that must fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct, every stage written differently from the solution: a merge on order_id over a
    # five-day window; the order's figures taken once per order (max) over the joined attempts;
    # version 2's cohorts by a left join; the e-mail masked by hand in the consumers' form; the
    # tier source read from the CRM's exports with the CRM's own change time.
    "alternative_fix": frozenset(),
    # Wrong: a distinct over the joined rows hides nothing (each attempt has its own payment id),
    # so orders paid in several attempts are still counted once per attempt.
    "distinct_over_the_fanout": frozenset(
        {
            "order_revenue_matches_known_answers",
            "customer_ltv_v1_matches_known_answers",
            "marketing_audience_matches_known_answers",
        }
    ),
    # Wrong: md5(email) reads as nothing, yet is a lookup away from the address, and the campaign
    # team's readable fragment is gone: the audience's known answer catches it. (no_pii_values
    # also flags a few hashes whose digit runs look like phone numbers: a side effect, not what
    # this case relies on.)
    "md5_email_as_masking": frozenset({"marketing_audience_matches_known_answers"}),
    # Wrong: the load still appends, and its gates were turned to warnings: the retry's copies
    # are reported and let through.
    "warn_gates_on_an_appending_load": frozenset({"a_rerun_of_the_load_rewrites_only_its_window"}),
    # Wrong: a table rebuilt from every order on each run: right contents, but each run rewrites
    # the whole history.
    "full_refresh_every_run": frozenset({"a_rerun_of_the_load_rewrites_only_its_window"}),
    # Wrong: attempts counted with count(*) over the orders left-joined to their payments: an order
    # without a payment counts one attempt instead of none; only the valuation's gate sees it.
    "count_star_after_the_left_join": frozenset({"order_revenue_matches_known_answers"}),
    # Wrong: the tier source's updated_at_utc is no longer the clock but the CRM's latest change
    # time over all customers: it moves whenever any customer changes, so the second run records a
    # new version of every customer, valid from another customer's change time.
    "latest_change_time_for_every_customer": frozenset({"tier_history_matches_a_replay_of_the_crm"}),
}
# Wrong fixes whose every other check passes: the named checks are all that catch them.
ONLY_THESE_FAIL = frozenset(
    {
        "distinct_over_the_fanout",
        "count_star_after_the_left_join",
        "warn_gates_on_an_appending_load",
        "full_refresh_every_run",
        "latest_change_time_for_every_customer",
    }
)


@pytest.fixture(params=FIX_TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix], only=fix in ONLY_THESE_FAIL)

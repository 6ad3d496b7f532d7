"""DME-010 Data Governance: the checks judge the data, not the text of a fix.

Each overlay under python_tests/fixes/dme_010/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(the shared seeded scratch session of each engine). The alternative correct fix, written
differently from the reference solution, must pass every check; the plausible wrong fixes
must fail, and the named checks are the ones that must catch them.

The reader-role scenario applies on PostgreSQL only (DuckDB has no roles): there it connects
as data_etudes_reader and must be refused the relations holding personal data; on DuckDB it
is reported as not applicable, never as passed.
"""

from __future__ import annotations

import pytest
from etudes_support import HERE, TARGETS, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession

FIXES = HERE / "fixes" / "dme_010"
ETUDE = "DME-010"
READER_SCENARIO = "reader_role_sees_the_marts_and_no_personal_data"

# fix -> the checks that must fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct: erasure and masking in the marts (not exists, mask_pii), expired and erased events kept
    # for the traffic counts but anonymised (no customer, no session), grants in the models' config.
    "anonymise_in_the_marts": frozenset(),
    # Wrong: md5(email) and md5(phone) look anonymous, but anyone with a list of addresses can
    # recompute them; the consumers' masked forms are gone too. (no_pii_values also flags a few
    # hashes whose digit runs look like numbers: a side effect, not what this case relies on.)
    "unkeyed_md5_masking": frozenset(
        {"no_public_value_derives_from_tagged_pii", "marketing_export_matches_known_answers"}
    ),
    # Wrong: the e-mail and phone columns deleted instead of masked: private, and useless to the
    # campaign team, whose export lost two columns it reads.
    "drop_contact_columns": frozenset({"marketing_export_matches_known_answers"}),
}
# Wrong fixes whose every other check passes: the named checks are all that catch them.
ONLY_THESE_FAIL = frozenset({"drop_contact_columns"})


@pytest.fixture(params=TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    run = assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix], only=fix in ONLY_THESE_FAIL)
    report, outcome = run.report, run.outcome
    reader = next(r for r in report.results if r.name == READER_SCENARIO)
    if session.target == "postgres":
        assert reader.applicable, outcome
        # Every fix here declares the grants: connected as the reader, the marts read and PII is refused.
        assert reader.passed, f"{fix}: {reader.expected} / {reader.actual}"
    else:
        assert not reader.applicable and not reader.passed, outcome
        assert report.not_applicable == frozenset({READER_SCENARIO}), outcome

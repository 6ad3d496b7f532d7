"""DME-009 The Access Pattern: the checks judge the interface and the answers, not the text of a fix.

Each overlay under python_tests/fixes/dme_009/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(the suite's shared scratch copy per engine, seeded once). The alternative correct fix,
written differently from the reference solution, must pass every check; the plausible
wrong fixes must fail exactly the checks named for them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from etudes_support import FIX_TARGETS, HERE, REPO, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.engine import ScratchSession
from oracle.answers.dme_009_access_pattern import FIGURES, card_payment_share, check_figures
from oracle.raw import RawTables
from oracle.shop import Shop

FIXES = HERE / "fixes" / "dme_009"
ETUDE = "DME-009"
ORDERS_API = "orders_api_matches_known_answers"
CONTRACTS = "public_models_have_contracts_and_documented_columns"
PRIVATE_STAGING = "staging_is_private_to_its_group"

# fix -> exactly the checks that fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct: one version reshaped in place, payments from the platform's deduplicated model,
    # access set as a property, Oslo time converted in the answer rather than served.
    "single_version_api_convert_in_answers": frozenset(),
    # Wrong: the columns renamed (order_total_usd) but still holding cents; the answer divides
    # by 100, so every answer is right and every gate passes: only the API's known values see it.
    "renamed_columns_keep_cents": frozenset({ORDERS_API}),
    # Wrong: contracts with types but no column descriptions, the staged payments left public
    # (the card answer reads them directly, filtered right).
    "contracts_without_descriptions": frozenset({CONTRACTS, PRIVATE_STAGING}),
}


@pytest.fixture(params=FIX_TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_the_answers_rest_on_the_documented_figures() -> None:
    shop = Shop(RawTables(REPO / "seeds"))
    check_figures(shop)
    paid, by_card, share = card_payment_share(shop)
    assert (paid, by_card, share) == (1442, 879, Decimal("60.96"))
    assert FIGURES["net_revenue_2024_usd"] == Decimal("132611.22")


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    assert_fix_outcome(session, ETUDE, FIXES, fix, CASES[fix], only=True)

"""DME-009 The Access Pattern: the documented figures the answers rest on.

The etude's alternative and wrong fixes are patches in the etude's .meta/fixes/, run by
test_etude_fixes.py.
"""

from __future__ import annotations

from decimal import Decimal

from etudes_support import REPO

from oracle.answers.dme_009_access_pattern import FIGURES, card_payment_share, check_figures
from oracle.raw import RawTables
from oracle.shop import Shop


def test_the_answers_rest_on_the_documented_figures() -> None:
    shop = Shop(RawTables(REPO / "seeds"))
    check_figures(shop)
    paid, by_card, share = card_payment_share(shop)
    assert (paid, by_card, share) == (1442, 879, Decimal("60.96"))
    assert FIGURES["net_revenue_2024_usd"] == Decimal("132611.22")

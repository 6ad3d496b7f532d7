"""DME-003 The Query Review: the oracle's account of the trap.

The etude's alternative and wrong fixes are patches in the etude's .meta/fixes/, run by
test_etude_fixes.py.
"""

from __future__ import annotations

from decimal import Decimal

from etudes_support import REPO

from oracle.answers.dme_003_query_review import inflation_by_attributing_every_current_version
from oracle.raw import RawTables
from oracle.shop import Shop


def test_the_trap_inflates_one_category_by_about_fifteen_percent() -> None:
    correct, extra, correct_units, extra_units, doubled = inflation_by_attributing_every_current_version(
        Shop(RawTables(REPO / "seeds"))
    )
    assert (correct, extra, doubled) == (Decimal("22099.26"), Decimal("3312.94"), 33)
    assert (correct_units, extra_units) == (274, 44)
    assert round(extra / correct * 100, 1) == Decimal("15.0")

"""Known answers for DME-003 The Query Review: merchandising's sales per category and month.

Each revenue order line counts once, under the category its product was filed
under when the order was placed: the product's version in seeds/raw/
raw_product_versions.csv with valid_from <= ordered_at < valid_to (the current
version has no valid_to). Computed from the raw CSVs, independently of the SQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import ZERO, OrderLine, Shop
from oracle.values import BIGINT, DATE, INTEGER, MONEY, TEXT, clean_text, month_start, parse_int, parse_timestamp_utc

UNCATEGORISED = "Uncategorised"
INFLATED_CATEGORY_ID = 6  # Knitwear: the only category whose products changed during the order period


@dataclass(frozen=True)
class ProductVersion:
    product_id: int
    version_number: int
    category_id: int | None
    valid_from: datetime
    valid_to: datetime | None

    def in_effect_at(self, moment: datetime) -> bool:
        return self.valid_from <= moment and (self.valid_to is None or moment < self.valid_to)


def product_versions(shop: Shop) -> dict[int, list[ProductVersion]]:
    versions: dict[int, list[ProductVersion]] = defaultdict(list)
    for row in shop.raw.rows("raw_product_versions"):
        version = ProductVersion(
            product_id=parse_int(row["product_id"]),
            version_number=parse_int(row["version_number"]),
            category_id=parse_int(row["category_id"]),
            valid_from=parse_timestamp_utc(row["valid_from"]),
            valid_to=parse_timestamp_utc(row["valid_to"]),
        )
        versions[version.product_id].append(version)
    return versions


def category_names(shop: Shop) -> dict[int, str]:
    return {
        parse_int(row["category_id"]): clean_text(row["category_name"])
        for row in shop.raw.rows("raw_product_categories")
    }


def category_at_sale(shop: Shop, versions: dict[int, list[ProductVersion]], line: OrderLine) -> int | None:
    """The category of the one version in effect when the line's order was placed."""
    ordered_at = shop.orders[line.order_id].ordered_at
    in_effect = [v for v in versions.get(line.product_id, []) if v.in_effect_at(ordered_at)]
    if len(in_effect) != 1:
        raise ValueError(f"order line {line.order_item_id}: {len(in_effect)} product versions in effect at {ordered_at}")
    return in_effect[0].category_id


# Order lines placed at the very instant their product's version changed (seeds/README.md): the
# version that begins then is in effect, and `between` would match the one that ends then too.
STATED_BOUNDARY_LINES = {465: (5, 6), 973: (5, 6)}  # order_item_id: (category ending, category beginning)


def lines_at_version_boundaries(shop: Shop) -> dict[int, tuple[int | None, int | None]]:
    """The revenue lines ordered exactly when a version of their product ends and the next begins."""
    versions = product_versions(shop)
    found = {}
    for line in shop.revenue_lines:
        ordered_at = shop.orders[line.order_id].ordered_at
        ending = [v for v in versions.get(line.product_id, []) if v.valid_to == ordered_at]
        beginning = [v for v in versions.get(line.product_id, []) if v.valid_from == ordered_at]
        if ending and beginning:
            found[line.order_item_id] = (ending[0].category_id, beginning[0].category_id)
    return found


def sales_per_category_month(shop: Shop) -> dict[tuple[int | None, str, date], list]:
    versions = product_versions(shop)
    names = category_names(shop)
    groups: dict[tuple[int | None, str, date], list] = defaultdict(lambda: [set(), 0, ZERO])
    for line in shop.revenue_lines:
        filed_under = category_at_sale(shop, versions, line)
        # No category and a category the list does not hold are one category: Uncategorised.
        category_id = filed_under if filed_under in names else None
        category_name = names.get(filed_under) or UNCATEGORISED
        group = groups[(category_id, category_name, month_start(shop.orders[line.order_id].ordered_at))]
        group[0].add(line.order_id)
        group[1] += line.quantity
        group[2] += line.amount_usd
    return groups


def inflation_by_attributing_every_current_version(shop: Shop) -> tuple[Decimal, Decimal, int, int, int]:
    """What the shipped query adds to the inflated category, for seeds/README.md and the test suite.

    Returns (correct revenue, extra revenue, correct units, extra units, doubled lines) of the
    inflated category: a line counts once more under its product's current version whenever
    it was ordered before that version began.
    """
    versions = product_versions(shop)
    correct_revenue, extra_revenue, correct_units, extra_units, doubled = ZERO, ZERO, 0, 0, 0
    for line in shop.revenue_lines:
        ordered_at = shop.orders[line.order_id].ordered_at
        current = [v for v in versions[line.product_id] if v.valid_to is None]
        if category_at_sale(shop, versions, line) == INFLATED_CATEGORY_ID:
            correct_revenue += line.amount_usd
            correct_units += line.quantity
        for version in current:
            if ordered_at < version.valid_from:
                if stated_figures_differ(version.category_id != INFLATED_CATEGORY_ID):
                    raise ValueError(f"line {line.order_item_id} would inflate category {version.category_id} too")
                extra_revenue += line.amount_usd
                extra_units += line.quantity
                doubled += 1
    return correct_revenue, extra_revenue, correct_units, extra_units, doubled


# The figures seeds/README.md and the etude's explanation state; the oracle fails when the data changes them.
STATED_INFLATION = (Decimal("22099.26"), Decimal("3312.94"), 274, 44, 33)


def expected_dme_003__category_sales_monthly(shop: Shop) -> ExpectedSeed:
    inflation = inflation_by_attributing_every_current_version(shop)
    if stated_figures_differ(inflation != STATED_INFLATION):
        raise ValueError(
            f"DME-003: the shipped query's inflation of Knitwear changed to {inflation} (stated: {STATED_INFLATION}); "
            "update seeds/README.md and the catalog's explanation"
        )
    boundary_lines = lines_at_version_boundaries(shop)
    if stated_figures_differ(boundary_lines != STATED_BOUNDARY_LINES):
        raise ValueError(
            f"DME-003: the order lines at a version boundary changed to {boundary_lines} "
            f"(stated: {STATED_BOUNDARY_LINES}); update seeds/README.md and the catalog's explanation"
        )
    rows = [
        (category_id, category_name, month, len(order_ids), units, revenue)
        for (category_id, category_name, month), (order_ids, units, revenue) in sales_per_category_month(shop).items()
    ]
    return ExpectedSeed(
        name="expected_dme_003__category_sales_monthly",
        description=(
            "DME-003: orders, units and revenue per category and UTC month over revenue order lines, each line "
            "under the category its product was filed under when the order was placed."
        ),
        columns=(
            Column("category_id", INTEGER), Column("category_name", TEXT), Column("sales_month", DATE),
            Column("order_count", BIGINT), Column("units_sold", BIGINT), Column("revenue_usd", MONEY),
        ),
        rows=tuple(rows),
    )


ANSWERS = (expected_dme_003__category_sales_monthly,)

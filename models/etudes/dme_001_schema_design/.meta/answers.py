"""Known answers for DME-001 The Schema Design: the storefront catalogue and its rejects.

The business rules, as the etude's brief states them, applied to every row of the
catalogue export (raw_products) in file order, with the lifecycle sheet
(raw_product_lifecycle) joined by product id. A row breaking several rules is
rejected for the first rule in RULES; a row breaking none is in the catalogue.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import Shop
from oracle.values import INTEGER, MONEY, TEXT, TIMESTAMP, clean_text, parse_int, parse_money, parse_timestamp_utc

LIFECYCLE_STATUSES = ("draft", "active", "discontinued")

# The reject reasons, in the order the rules are applied.
RULES = (
    "duplicate_row",  # the product id was already exported on an earlier row
    "missing_price",  # no list price
    "price_not_positive",  # a list price of zero or below
    "missing_category",  # no category
    "unknown_category",  # a category the category list does not hold
    "invalid_status",  # lifecycle status missing, or not draft / active / discontinued
    "reused_sku",  # a product with a lower id carries the same SKU
)


# The figures seeds/README.md states (DME-001): rows of the export, catalogue rows, rejects per reason.
DOCUMENTED_FIGURES = {
    "rows": 131,
    "catalogue": 108,
    "duplicate_row": 2,
    "missing_price": 3,
    "price_not_positive": 5,
    "missing_category": 3,
    "unknown_category": 2,
    "invalid_status": 5,
    "reused_sku": 3,
}
# The rows that break two rules at once, by product id: the reason the brief's order gives each.
DOCUMENTED_TWO_RULE_ROWS = {
    123: "missing_price",  # and missing_category
    124: "price_not_positive",  # and missing_category
    125: "missing_category",  # and invalid_status
    126: "unknown_category",  # and invalid_status
    128: "invalid_status",  # and reused_sku
}


def _catalogue_rows(shop: Shop) -> list[dict]:
    """Every row of the catalogue export, cleaned as the brief says, with its reject reason (None: valid)."""
    category_ids = {parse_int(row["category_id"]) for row in shop.raw.rows("raw_product_categories")}
    statuses: dict[int, str | None] = {}
    for row in shop.raw.rows("raw_product_lifecycle"):
        status = clean_text(row["lifecycle_status"])
        statuses[parse_int(row["product_id"])] = None if status is None else status.lower()

    rows = []
    for raw in shop.raw.rows("raw_products"):
        rows.append({
            "product_id": parse_int(raw["product_id"]),
            "sku": clean_text(raw["sku"]).upper(),
            "product_name": clean_text(raw["product_name"]),
            "category_id": parse_int(raw["category_id"]),
            "list_price_usd": parse_money(raw["price_usd"]),
            "lifecycle_status": statuses.get(parse_int(raw["product_id"])),
            "created_at_utc": parse_timestamp_utc(raw["created_at"]),
        })

    first_holder: dict[str, int] = {}
    for row in rows:
        known = first_holder.get(row["sku"])
        first_holder[row["sku"]] = row["product_id"] if known is None else min(known, row["product_id"])

    seen: set[int] = set()
    for row in rows:
        row["copy"] = row["product_id"] in seen
        broken = _broken_rules(row, row["copy"], category_ids, first_holder)
        row["breaks"] = len(broken)
        row["reject_reason"] = broken[0] if broken else None
        seen.add(row["product_id"])
    figures = _figures(rows)
    if stated_figures_differ(figures != DOCUMENTED_FIGURES):
        raise ValueError(f"DME-001: the raw data no longer gives the figures seeds/README.md states: {figures}")
    two_rules = {row["product_id"]: row["reject_reason"] for row in rows if row["breaks"] >= 2 and not row["copy"]}
    if stated_figures_differ(two_rules != DOCUMENTED_TWO_RULE_ROWS):
        raise ValueError(f"DME-001: the rows breaking two rules are no longer those seeds/README.md states: {two_rules}")
    return rows


def _broken_rules(row: dict, seen_before: bool, category_ids: set[int], first_holder: dict[str, int]) -> list[str]:
    """The rules the row breaks, in the brief's order: the first is its reject reason."""
    price: Decimal | None = row["list_price_usd"]
    broken = {
        "duplicate_row": seen_before,
        "missing_price": price is None,
        "price_not_positive": price is not None and price <= 0,
        "missing_category": row["category_id"] is None,
        "unknown_category": row["category_id"] is not None and row["category_id"] not in category_ids,
        "invalid_status": row["lifecycle_status"] not in LIFECYCLE_STATUSES,
        "reused_sku": first_holder[row["sku"]] != row["product_id"],
    }
    return [rule for rule in RULES if broken[rule]]


# A catalogue row's columns; a reject is the row whole, as exported, with its reason.
CATALOGUE_COLUMNS = (
    Column("product_id", INTEGER), Column("sku", TEXT), Column("product_name", TEXT),
    Column("category_id", INTEGER), Column("list_price_usd", MONEY), Column("lifecycle_status", TEXT),
    Column("created_at_utc", TIMESTAMP),
)


def _values(row: dict) -> tuple:
    return tuple(row[column.name] for column in CATALOGUE_COLUMNS)


def expected_dme_001__catalogue_products(shop: Shop) -> ExpectedSeed:
    rows = [_values(row) for row in _catalogue_rows(shop) if row["reject_reason"] is None]
    return ExpectedSeed(
        name="expected_dme_001__catalogue_products",
        description="DME-001: the storefront catalogue, every product row that breaks no business rule.",
        columns=CATALOGUE_COLUMNS,
        rows=tuple(rows),
    )


def expected_dme_001__catalogue_rejects(shop: Shop) -> ExpectedSeed:
    rows = [(*_values(row), row["reject_reason"]) for row in _catalogue_rows(shop) if row["reject_reason"]]
    return ExpectedSeed(
        name="expected_dme_001__catalogue_rejects",
        description="DME-001: every rejected product row, whole as exported, with the first business rule it breaks.",
        columns=(*CATALOGUE_COLUMNS, Column("reject_reason", TEXT)),
        rows=tuple(rows),
    )


def _figures(rows: list[dict]) -> dict[str, int]:
    """Rows in, rows in the catalogue, rejects per reason."""
    reasons = Counter(row["reject_reason"] for row in rows if row["reject_reason"])
    return {"rows": len(rows), "catalogue": sum(1 for row in rows if not row["reject_reason"]), **reasons}


ANSWERS = (expected_dme_001__catalogue_products, expected_dme_001__catalogue_rejects)

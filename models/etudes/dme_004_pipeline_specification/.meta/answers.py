"""Known answers for DME-004 Pipeline Specification: customers loaded from the CRM's API pages.

The specification, as the etude's brief states it, applied to every row the nightly
extract wrote (raw_api_customer_pages, one row per record served on a page):

1. Cleaning: names trimmed and kept as sent (any alphabet); e-mail trimmed and lower-cased,
   blank becomes missing; country code trimmed and upper-cased (missing stays missing);
   tier trimmed and lower-cased; times are UTC.
2. Rejects, in this order: no customer id (`missing_customer_id`), no e-mail after
   cleaning (`missing_email`). A missing last name or country is not a reason.
3. Deduplication among the rows that pass: one row per customer id, the copy with the
   latest updated_at, then the latest fetched_at (then the highest load_row_id); every
   other copy is rejected as `duplicate_record`.

Every raw row ends in exactly one place: the customers or the rejects.
"""

from __future__ import annotations

from collections import Counter

from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import Shop
from oracle.values import INTEGER, TEXT, TIMESTAMP, clean_text, normalise_email, parse_int, parse_timestamp_utc

RAW = "raw_api_customer_pages"
# The figures seeds/README.md and the etude's explanation state: computed, and checked on every run.
FIGURES = {
    "raw_rows": 412,
    "pages": 17,
    "customer_ids": 400,
    "customer_ids_on_two_pages": 9,
    "customers": 393,
    "rejects": {"missing_customer_id": 3, "missing_email": 8, "duplicate_record": 8},
    "null_email_rows": 9,
    "messy_email_rows": 26,
    "null_last_name_rows": 4,
    "null_country_rows": 3,
    "non_ascii_name_customers": 160,
    # The rule edges (seeds/README.md): a row breaking two rules, a customer whose copies both
    # break one (no copy is a duplicate of a kept one), and a later-fetched copy that is older.
    "rows_without_id_and_email": 1,
    "customers_whose_copies_all_lack_an_email": 1,
    "customers_kept_from_an_earlier_fetch": 1,
}
REJECT_REASONS = ("missing_customer_id", "missing_email", "duplicate_record")


def _upper(text: str | None) -> str | None:
    cleaned = clean_text(text)
    return None if cleaned is None else cleaned.upper()


def _lower(text: str | None) -> str | None:
    cleaned = clean_text(text)
    return None if cleaned is None else cleaned.lower()


def _judged_rows(shop: Shop) -> list[dict]:
    """Every API row, cleaned, with its reject reason (None: it is the customer's row)."""
    rows = []
    for raw in shop.raw.rows(RAW):
        row = {
            "load_row_id": raw["load_row_id"],
            "page_number": parse_int(raw["page_number"]),
            "fetched_at_utc": parse_timestamp_utc(raw["fetched_at"]),
            "customer_id": parse_int(raw["customer_id"]),
            "first_name": clean_text(raw["first_name"]),
            "last_name": clean_text(raw["last_name"]),
            "email": normalise_email(raw["email"]),
            "country_code": _upper(raw["country_code"]),
            "tier": _lower(raw["tier"]),
            "signed_up_at_utc": parse_timestamp_utc(raw["signed_up_at"]),
            "updated_at_utc": parse_timestamp_utc(raw["updated_at"]),
        }
        if row["customer_id"] is None:
            row["reject_reason"] = "missing_customer_id"
        elif row["email"] is None:
            row["reject_reason"] = "missing_email"
        else:
            row["reject_reason"] = None
        rows.append(row)

    kept: dict[int, dict] = {}
    for row in rows:
        if row["reject_reason"] is not None:
            continue
        best = kept.get(row["customer_id"])
        if best is None or _recency(row) > _recency(best):
            kept[row["customer_id"]] = row
    for row in rows:
        if row["reject_reason"] is None and kept[row["customer_id"]] is not row:
            row["reject_reason"] = "duplicate_record"
    return rows


def _recency(row: dict) -> tuple:
    return (row["updated_at_utc"], row["fetched_at_utc"], row["load_row_id"])


def _check_figures(shop: Shop) -> None:
    figures = summary(shop)
    drifted = {name: (value, figures[name]) for name, value in FIGURES.items() if figures[name] != value}
    if stated_figures_differ(bool(drifted)):
        raise ValueError(f"DME-004: raw_api_customer_pages no longer has the documented figures: {drifted}")


def expected_dme_004__customers(shop: Shop) -> ExpectedSeed:
    _check_figures(shop)
    rows = [
        (
            row["customer_id"], row["first_name"], row["last_name"], row["email"], row["country_code"],
            row["tier"], row["signed_up_at_utc"], row["updated_at_utc"], row["load_row_id"],
        )
        for row in _judged_rows(shop)
        if row["reject_reason"] is None
    ]
    return ExpectedSeed(
        name="expected_dme_004__customers",
        description=(
            "DME-004: the warehouse's customers from the CRM API, one row per customer id, cleaned as the "
            "specification says, with the API row each was taken from (load_row_id)."
        ),
        columns=(
            Column("customer_id", INTEGER), Column("first_name", TEXT), Column("last_name", TEXT),
            Column("email", TEXT), Column("country_code", TEXT), Column("tier", TEXT),
            Column("signed_up_at_utc", TIMESTAMP), Column("updated_at_utc", TIMESTAMP), Column("load_row_id", TEXT),
        ),
        rows=tuple(rows),
    )


REJECT_COLUMNS = (
    Column("load_row_id", TEXT), Column("page_number", INTEGER), Column("fetched_at_utc", TIMESTAMP),
    Column("customer_id", INTEGER), Column("first_name", TEXT), Column("last_name", TEXT), Column("email", TEXT),
    Column("country_code", TEXT), Column("tier", TEXT), Column("signed_up_at_utc", TIMESTAMP),
    Column("updated_at_utc", TIMESTAMP), Column("reject_reason", TEXT),
)


def expected_dme_004__customer_rejects(shop: Shop) -> ExpectedSeed:
    rows = [
        tuple(row[column.name] for column in REJECT_COLUMNS)
        for row in _judged_rows(shop)
        if row["reject_reason"] is not None
    ]
    return ExpectedSeed(
        name="expected_dme_004__customer_rejects",
        description=(
            "DME-004: every API row that is not a customer's row, whole (its loader columns and its payload, "
            "cleaned as the customers are), with the reason (missing_customer_id, missing_email, duplicate_record)."
        ),
        columns=REJECT_COLUMNS,
        rows=tuple(rows),
    )


def summary(shop: Shop) -> dict[str, object]:
    """The figures seeds/README.md states; raises if the planted data drifts from them."""
    raw = shop.raw.rows(RAW)
    rows = _judged_rows(shop)
    reasons = Counter(row["reject_reason"] for row in rows if row["reject_reason"])
    kept = [row for row in rows if row["reject_reason"] is None]
    pages = Counter(row["page_number"] for row in rows)
    copies = Counter(row["customer_id"] for row in rows if row["customer_id"] is not None)
    return {
        "raw_rows": len(rows),
        "pages": len(pages),
        "customer_ids": len(copies),
        "customer_ids_on_two_pages": sum(1 for n in copies.values() if n > 1),
        "customers": len(kept),
        "rejects": dict(reasons),
        "null_email_rows": sum(1 for r in raw if r["email"] is None),
        "messy_email_rows": sum(
            1 for r in raw if clean_text(r["email"]) is not None and r["email"] != r["email"].strip().lower()
        ),
        "null_last_name_rows": sum(1 for r in raw if r["last_name"] is None),
        "null_country_rows": sum(1 for r in raw if r["country_code"] is None),
        "non_ascii_name_customers": sum(
            1 for r in kept if not ((r["first_name"] or "") + (r["last_name"] or "")).isascii()
        ),
        "rows_without_id_and_email": sum(1 for r in rows if r["customer_id"] is None and r["email"] is None),
        "customers_whose_copies_all_lack_an_email": sum(
            1 for customer_id, n in copies.items()
            if n > 1 and all(r["email"] is None for r in rows if r["customer_id"] == customer_id)
        ),
        "customers_kept_from_an_earlier_fetch": sum(
            1 for k in kept
            if any(r["customer_id"] == k["customer_id"] and r["fetched_at_utc"] > k["fetched_at_utc"] for r in rows)
        ),
    }


ANSWERS = (expected_dme_004__customers, expected_dme_004__customer_rejects)

"""Known answers for DME-010 Data Governance: what the public marts may show, under the policy.

The policy (models/etudes/dme_010_governance/README.md): e-mail, phone and address
are personal data; they never appear in clear in a public model. The marketing
export shows the e-mail as its first letter, three stars and the domain
(`h***@example.com`) and the phone as its last four digits (`****1234`), the forms
`data_etudes.mask_pii` writes with `partial_email` and `last_four`. Web events
older than twelve months at the reference date 2025-06-30 (before 2024-07-01
00:00 UTC) are deleted or anonymised. Customers who asked for erasure (by id, or
by e-mail only) disappear from every public model. Computed from the raw CSVs
alone, independently of the SQL.

The figures the etude rests on are checked at every run (seeds/README.md states them).
"""

from __future__ import annotations

from datetime import datetime

from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import Shop
from oracle.values import BOOLEAN, INTEGER, TEXT, TIMESTAMP, clean_text, parse_int, parse_timestamp_utc

RETENTION_CUTOFF = datetime(2024, 7, 1)  # twelve months before the end of the reference day 2025-06-30

FIGURES = {
    "customers": 400,
    "erased customers": (27, 58, 102, 143, 199, 240, 318, 366, 377),
    "erased by e-mail only": (102, 240, 366),
    "exported customers": 391,
    "events": 3172,
    "expired events": 1970,  # distinct events before 2024-07-01
    "identified events kept": 694,  # in retention, logged in, not erased
    "erased customers' events": 23,  # distinct events, any age
    "erased customers' events in retention": 7,
}


def partial_email(email: str | None) -> str | None:
    """mask_pii(..., 'partial_email'): first character, '***', then the '@' and the domain."""
    if email is None:
        return None
    at = email.find("@")
    if at < 1:
        return "[redacted]"
    return email[0] + "***" + email[at:]


def last_four(phone: str | None) -> str | None:
    """mask_pii(..., 'last_four'): '****' and the last four digits."""
    if phone is None:
        return None
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "****" + digits[-4:] if len(digits) >= 4 else "****"


def latest_customer_rows(shop: Shop) -> dict[int, dict[str, str | None]]:
    """The latest raw row of each customer (by updated_at; the raw duplicates are exact copies)."""
    latest: dict[int, tuple[datetime, dict[str, str | None]]] = {}
    for row in shop.raw.rows("raw_customers"):
        customer_id = parse_int(row["customer_id"])
        updated_at = parse_timestamp_utc(row["updated_at"])
        known = latest.get(customer_id)
        if known is None or updated_at > known[0]:
            latest[customer_id] = (updated_at, row)
    return {customer_id: row for customer_id, (_, row) in latest.items()}


def distinct_events(shop: Shop) -> dict[str, dict[str, str | None]]:
    events: dict[str, dict[str, str | None]] = {}
    for row in shop.raw.rows("raw_web_events"):
        known = events.setdefault(row["event_id"], row)
        if known != row:
            raise ValueError(f"DME-010 assumes repeated web events are exact copies; {row['event_id']} is not")
    return events


def _check(name: str, actual: object) -> None:
    if stated_figures_differ(actual != FIGURES[name]):
        raise ValueError(
            f"DME-010 rests on {name} = {FIGURES[name]!r}; the raw data now gives {actual!r}: "
            "update the etude and seeds/README.md"
        )


def expected_dme_010__marketing_customers(shop: Shop) -> ExpectedSeed:
    erased = shop.erased_customer_ids
    _check("erased customers", tuple(sorted(erased)))
    by_email_only = set()
    for row in shop.raw.rows("raw_erasure_requests"):
        if row["customer_id"] is None:
            email = clean_text(row["email"]).lower()
            by_email_only |= {v.customer_id for v in shop.customer_versions if v.email == email}
    _check("erased by e-mail only", tuple(sorted(by_email_only)))
    latest = latest_customer_rows(shop)
    _check("customers", len(latest))
    rows = []
    for customer_id, row in latest.items():
        if customer_id in erased:
            continue
        email = clean_text(row["email"])
        rows.append(
            (
                customer_id,
                partial_email(email.lower() if email else None),
                last_four(clean_text(row["phone"])),
                clean_text(row["city"]),
                clean_text(row["country_code"]).upper(),
                clean_text(row["tier"]).lower(),
                clean_text(row["marketing_opt_in"]).lower() == "true",
                parse_timestamp_utc(row["signed_up_at"]),
            )
        )
    _check("exported customers", len(rows))
    return ExpectedSeed(
        name="expected_dme_010__marketing_customers",
        description="DME-010: the marketing export, one row per customer not erased, contact details masked.",
        columns=(
            Column("customer_id", INTEGER, "The CRM's customer id."),
            Column("email", TEXT, "The latest e-mail, masked: first letter, '***', '@' and the domain."),
            Column("phone", TEXT, "The latest phone, masked: '****' and its last four digits."),
            Column("city", TEXT, "City of the address."),
            Column("country_code", TEXT, "ISO country code."),
            Column("tier", TEXT, "Loyalty tier, latest version."),
            Column("is_marketing_opt_in", BOOLEAN, "Agreed to marketing e-mails."),
            Column("signed_up_at_utc", TIMESTAMP, "When the customer signed up, UTC."),
        ),
        rows=tuple(rows),
    )


def expected_dme_010__identified_web_activity(shop: Shop) -> ExpectedSeed:
    erased = shop.erased_customer_ids
    events = distinct_events(shop)
    _check("events", len(events))
    expired = [e for e in events.values() if parse_timestamp_utc(e["occurred_at"]) < RETENTION_CUTOFF]
    _check("expired events", len(expired))
    of_erased = [e for e in events.values() if parse_int(e["customer_id"]) in erased]
    _check("erased customers' events", len(of_erased))
    _check(
        "erased customers' events in retention",
        sum(parse_timestamp_utc(e["occurred_at"]) >= RETENTION_CUTOFF for e in of_erased),
    )
    rows = []
    for event in events.values():
        customer_id = parse_int(event["customer_id"])
        occurred_at = parse_timestamp_utc(event["occurred_at"])
        if customer_id is None or customer_id in erased or occurred_at < RETENTION_CUTOFF:
            continue
        rows.append(
            (
                event["event_id"],
                event["session_id"],
                customer_id,
                parse_int(event["product_id"]),
                clean_text(event["event_type"]).lower(),
                event["page_path"],
                occurred_at,
            )
        )
    _check("identified events kept", len(rows))
    return ExpectedSeed(
        name="expected_dme_010__identified_web_activity",
        description=(
            "DME-010: the web events of logged-in customers the mart keeps: from 2024-07-01 00:00 UTC on, "
            "customers who asked for erasure left out."
        ),
        columns=(
            Column("event_id", TEXT, "The tracker's event id."),
            Column("session_id", TEXT, "The browsing session."),
            Column("customer_id", INTEGER, "The logged-in customer."),
            Column("product_id", INTEGER, "The product viewed or added to the cart; NULL for other events."),
            Column("event_type", TEXT, "What happened."),
            Column("page_path", TEXT, "The page's path."),
            Column("occurred_at_utc", TIMESTAMP, "When the event happened, UTC."),
        ),
        rows=tuple(rows),
    )


def expected_dme_010__erased_customers(shop: Shop) -> ExpectedSeed:
    return ExpectedSeed(
        name="expected_dme_010__erased_customers",
        description="DME-010: the CRM customers the erasure requests resolve to (by id, or by e-mail only).",
        columns=(Column("customer_id", INTEGER, "A customer who must be absent from every public model."),),
        rows=tuple((customer_id,) for customer_id in sorted(shop.erased_customer_ids)),
    )


ANSWERS = (
    expected_dme_010__marketing_customers,
    expected_dme_010__identified_web_activity,
    expected_dme_010__erased_customers,
)

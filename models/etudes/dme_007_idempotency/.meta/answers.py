"""Known answers for DME-007 Idempotency and Recovery: the web events table after any run sequence.

The event collector delivers copies of events to a landing zone
(seeds/raw/raw_web_event_deliveries.csv, one row per copy, with the delivery
that carried it). Whatever the runs that loaded them, the events table must hold
what one clean build over every delivery holds: one row per event, the copy the
collector delivered last (a re-sent copy can carry the customer id the session
was stitched to after a login). The daily product views are counted over those
events. Computed from the raw CSV alone, independently of the SQL.

The figures the etude rests on are checked at every run (seeds/README.md states
them): the deliveries, the copies (client retries, re-sent copies), the late app
events, the 72-hour delivery guarantee, and how many late events arrive more
than a day before the newest event of the previous deliveries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import Shop
from oracle.values import BIGINT, DATE, INTEGER, TEXT, TIMESTAMP, parse_int, parse_timestamp_utc

DELIVERY_GUARANTEE = timedelta(hours=72)  # every copy lands within 72 hours of its event
AGENT_LOOKBACK = timedelta(days=1)
# A lookback sized from the data rather than the promise: the late events sit at the edge of the
# 72 hours, so any lookback shorter than the guarantee by more than a few minutes loses some.
SHORT_LOOKBACK = timedelta(hours=71)

# The data as built (seeds/README.md, "DME-007 Idempotency and Recovery").
FIGURES = {
    "copies": 795,
    "events": 737,
    "copies per delivery": {1: 523, 2: 138, 3: 134},
    "client retries": 15,  # a second copy in the same delivery, seconds later
    "client retries listed before the first copy": 1,  # file order is not arrival order
    "re-sent copies": 43,  # a copy in the next delivery of what the previous one received in its last 12 hours
    "re-sent copies stitched to a customer": 6,
    "late events": 43,  # first delivered more than an hour after they occurred (app sessions offline)
    "copies received exactly 72 hours after their event": 2,
    "late events outside a one-day lookback": {2: 14, 3: 8},
    "late events outside a 71-hour lookback": {2: 2, 3: 2},
}


@dataclass(frozen=True)
class EventCopy:
    delivery_id: int
    event_id: str
    session_id: str
    customer_id: int | None
    platform: str
    event_type: str
    product_id: int | None
    page_path: str
    occurred_at: datetime
    received_at: datetime


def event_copies(shop: Shop) -> list[EventCopy]:
    return [
        EventCopy(
            delivery_id=parse_int(row["delivery_id"]),
            event_id=row["event_id"],
            session_id=row["session_id"],
            customer_id=parse_int(row["customer_id"]),
            platform=row["platform"],
            event_type=row["event_type"],
            product_id=parse_int(row["product_id"]),
            page_path=row["page_path"],
            occurred_at=parse_timestamp_utc(row["occurred_at"]),
            received_at=parse_timestamp_utc(row["received_at"]),
        )
        for row in shop.raw.rows("raw_web_event_deliveries")
    ]


def latest_copies(copies: list[EventCopy]) -> dict[str, EventCopy]:
    """One copy per event: the one received last (received times of an event's copies are distinct)."""
    latest: dict[str, EventCopy] = {}
    for copy in copies:
        known = latest.get(copy.event_id)
        if known is not None and known.received_at == copy.received_at:
            raise ValueError(f"DME-007: two copies of {copy.event_id} received at the same time")
        if known is None or copy.received_at > known.received_at:
            latest[copy.event_id] = copy
    return latest


def measured_figures(copies: list[EventCopy]) -> dict[str, object]:
    by_event: dict[str, list[EventCopy]] = defaultdict(list)
    for copy in copies:
        by_event[copy.event_id].append(copy)
    retries = retries_listed_first = resent = stitched = late = 0
    first_delivery: dict[str, EventCopy] = {}
    for event_id, event in by_event.items():
        listed = list(event)
        event.sort(key=lambda c: c.received_at)
        first = event[0]
        first_delivery[event_id] = first
        late += first.received_at - first.occurred_at > timedelta(hours=1)
        for earlier, later in pairwise(event):
            if later.delivery_id == earlier.delivery_id:
                retries += 1
                retries_listed_first += listed.index(later) < listed.index(earlier)
            else:
                resent += 1
                stitched += earlier.customer_id is None and later.customer_id is not None

    def outside(lookback: timedelta) -> dict[int, int]:
        counts = {}
        for delivery in (2, 3):
            newest_before = max(c.occurred_at for c in copies if c.delivery_id < delivery)
            counts[delivery] = sum(
                1
                for first in first_delivery.values()
                if first.delivery_id == delivery and first.occurred_at < newest_before - lookback
            )
        return counts

    return {
        "copies": len(copies),
        "events": len(by_event),
        "copies per delivery": dict(sorted(Counter(c.delivery_id for c in copies).items())),
        "client retries": retries,
        "client retries listed before the first copy": retries_listed_first,
        "re-sent copies": resent,
        "re-sent copies stitched to a customer": stitched,
        "late events": late,
        "copies received exactly 72 hours after their event": sum(
            c.received_at - c.occurred_at == DELIVERY_GUARANTEE for c in copies
        ),
        "late events outside a one-day lookback": outside(AGENT_LOOKBACK),
        "late events outside a 71-hour lookback": outside(SHORT_LOOKBACK),
    }


def checked_copies(shop: Shop) -> list[EventCopy]:
    copies = event_copies(shop)
    overdue = [c.event_id for c in copies if c.received_at - c.occurred_at > DELIVERY_GUARANTEE]
    if overdue:
        raise ValueError(f"DME-007 rests on every copy landing within 72 hours of its event; not so for {overdue[:5]}")
    measured = measured_figures(copies)
    if stated_figures_differ(measured != FIGURES):
        changed = {key: (FIGURES[key], measured[key]) for key in FIGURES if FIGURES[key] != measured[key]}
        raise ValueError(
            f"DME-007's raw data changed (stated, measured): {changed}: update the etude and seeds/README.md"
        )
    return copies


def expected_dme_007__web_events(shop: Shop) -> ExpectedSeed:
    latest = latest_copies(checked_copies(shop))
    return ExpectedSeed(
        name="expected_dme_007__web_events",
        description="DME-007: every event the collector delivered, once, as its latest copy (one clean build).",
        columns=(
            Column("event_id", TEXT, "The collector's event id."),
            Column("session_id", TEXT, "The visit the event belongs to."),
            Column("customer_id", INTEGER, "The customer, from the latest copy; NULL for anonymous visits."),
            Column("platform", TEXT, "web or app."),
            Column("event_type", TEXT, "page_view, product_view or add_to_cart."),
            Column("product_id", INTEGER, "The product viewed or added to the cart; NULL for page views."),
            Column("page_path", TEXT, "The page."),
            Column("occurred_at_utc", TIMESTAMP, "When the event happened on the device, UTC."),
            Column("received_at_utc", TIMESTAMP, "When the collector received the latest copy, UTC."),
        ),
        rows=tuple(
            (
                c.event_id,
                c.session_id,
                c.customer_id,
                c.platform,
                c.event_type,
                c.product_id,
                c.page_path,
                c.occurred_at,
                c.received_at,
            )
            for c in latest.values()
        ),
    )


def expected_dme_007__daily_product_views(shop: Shop) -> ExpectedSeed:
    views: Counter[tuple[date, int | None]] = Counter()
    sessions: dict[tuple[date, int | None], set[str]] = defaultdict(set)
    for event in latest_copies(checked_copies(shop)).values():
        if event.event_type != "product_view":
            continue
        key = (event.occurred_at.date(), event.product_id)
        views[key] += 1
        sessions[key].add(event.session_id)
    return ExpectedSeed(
        name="expected_dme_007__daily_product_views",
        description="DME-007: product views per UTC day and product, each event counted once.",
        columns=(
            Column("view_date", DATE, "The UTC calendar day."),
            Column("product_id", INTEGER, "The product."),
            Column("product_views", BIGINT, "Product-view events that day."),
            Column("viewing_sessions", BIGINT, "Distinct sessions with such an event."),
        ),
        rows=tuple((day, product, count, len(sessions[(day, product)])) for (day, product), count in views.items()),
    )


ANSWERS = (expected_dme_007__web_events, expected_dme_007__daily_product_views)

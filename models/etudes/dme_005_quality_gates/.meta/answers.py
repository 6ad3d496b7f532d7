"""Known answers for DME-005 Data Quality Gates: the marketplace sales mart after each delivery.

The Nordmarket marketplace delivers one file of orders per day (seeds/raw/raw_marketplace_order_feed.csv,
one `batch_number` per delivery). The delivery contract in the etude's brief says what a usable file is:
at most 5 % of its orders without a customer id (guest checkouts run at 1 to 3 %). A file outside the
contract is refused whole and the mart keeps what it had; the partner then re-delivers the day.

So the mart after each delivery, in order, is: the orders of every accepted delivery (the latest accepted
one per day), per UTC order date and customer tier (the CRM's latest tier; `guest` when the order has no
customer id), with their count and total in US dollars. Computed here from the raw CSVs alone.

The figures the etude rests on are checked at every run: batch 1 (2025-06-28) has 2 of 150 orders without
a customer (1.3 %), batch 2 (2025-06-29) 63 of 150 (42.0 %), batch 3 (2025-06-29 re-delivered) 3 of 150
(2.0 %), and batches 2 and 3 carry the same 150 orders with the same totals. Batch 4 (2025-06-30) has
10 of 200 (exactly 5 %: accepted), batch 5 (2025-07-01) 7 of 130 (5.4 %: refused).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import ZERO, Shop
from oracle.values import BIGINT, DATE, INTEGER, MONEY, TEXT, parse_int, parse_money, parse_timestamp_utc

MAX_MISSING_CUSTOMER_RATE = Decimal("0.05")
# batch -> (orders, orders without a customer id), as seeds/README.md states them
# (batches 4 and 5 sit on the edges of the threshold: seeds/generate_dme_005_extra_deliveries.py)
BATCHES = {1: (150, 2), 2: (150, 63), 3: (150, 3), 4: (200, 10), 5: (130, 7)}
ACCEPTED = {1: True, 2: False, 3: True, 4: True, 5: False}

Order = tuple[str, int | None, date, Decimal]  # order id, customer id, order date (UTC), total


def deliveries(shop: Shop) -> dict[int, list[Order]]:
    batches: dict[int, list[Order]] = defaultdict(list)
    for row in shop.raw.rows("raw_marketplace_order_feed"):
        batches[parse_int(row["batch_number"])].append((
            row["marketplace_order_id"],
            parse_int(row["customer_id"]),
            parse_timestamp_utc(row["ordered_at"]).date(),
            parse_money(row["order_total_usd"]),
        ))
    return dict(sorted(batches.items()))


def is_accepted(orders: list[Order]) -> bool:
    missing = sum(1 for _, customer_id, _, _ in orders if customer_id is None)
    return Decimal(missing) / Decimal(len(orders)) <= MAX_MISSING_CUSTOMER_RATE


def _check_figures(batches: dict[int, list[Order]]) -> None:
    found = {number: (len(orders), sum(1 for o in orders if o[1] is None)) for number, orders in batches.items()}
    same_orders = sorted((o[0], o[2], o[3]) for o in batches.get(2, [])) == sorted(
        (o[0], o[2], o[3]) for o in batches.get(3, [])
    )
    accepted = {number: is_accepted(orders) for number, orders in batches.items()}
    if stated_figures_differ(found != BATCHES or not same_orders or accepted != ACCEPTED):
        raise ValueError(
            f"DME-005 rests on deliveries {BATCHES} (orders, without customer) with batch 3 re-delivering "
            f"batch 2's orders, accepted {ACCEPTED}; the raw data now has {found}, accepted {accepted}: update the etude and seeds/README.md"
        )


def expected_dme_005__marketplace_daily_sales(shop: Shop) -> ExpectedSeed:
    batches = deliveries(shop)
    _check_figures(batches)
    landed: dict[date, list[Order]] = {}  # per order date, the orders of the latest accepted delivery
    rows = []
    for number, orders in batches.items():
        if is_accepted(orders):
            for order_date in {o[2] for o in orders}:
                landed[order_date] = [o for o in orders if o[2] == order_date]
        totals: dict[tuple[date, str], list] = defaultdict(lambda: [0, ZERO])
        for orders_of_day in landed.values():
            for _, customer_id, order_date, total in orders_of_day:
                tier = "guest" if customer_id is None else shop.customers[customer_id].tier
                totals[(order_date, tier)][0] += 1
                totals[(order_date, tier)][1] += total
        rows += [(number, day, tier, count, revenue) for (day, tier), (count, revenue) in totals.items()]
    return ExpectedSeed(
        name="expected_dme_005__marketplace_daily_sales",
        description=(
            "DME-005: dme_005__marketplace_daily_sales after each delivery of the marketplace feed "
            "(a delivery with more than 5 % of orders without a customer id is refused)."
        ),
        columns=(
            Column("after_feed_batch", INTEGER, "The delivery (batch_number) just processed."),
            Column("order_date", DATE, "The UTC date the orders were placed."),
            Column("customer_tier", TEXT, "The customer's current tier, or guest for an order without a customer."),
            Column("order_count", BIGINT, "Orders of that day and tier."),
            Column("revenue_usd", MONEY, "Their order totals, US dollars."),
        ),
        rows=tuple(rows),
    )


ANSWERS = (expected_dme_005__marketplace_daily_sales,)

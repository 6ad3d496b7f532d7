"""Known answers for DME-009 The Access Pattern: three business questions and the orders API.

The analytics agent answers the business review's questions from the serving layer
(models/etudes/dme_009_access_pattern/). Each answer is computed here from the raw CSVs
through the shop's cleaned entities, independently of the SQL:

- net revenue in US dollars per month of 2024: revenue orders (placed, shipped, completed,
  returned), order total (items plus shipping) less refunds, by the UTC month the order was
  placed;
- the share of paid orders paid by card: of the shop's orders with at least one successful
  payment, those with a successful card payment;
- orders per hour of the day in Oslo local time, over the orders placed in 2024 (Oslo time);
- the orders API: every order with every column it may serve (the platform's orders mart,
  and the time on Oslo's wall clock), so that a wrong column no question reads still fails;
- the payments API: every payment of an order the shop knows, once (a webhook replay repeats a
  payment already received: its first receipt is kept), any status, in US dollars, with the
  time the gateway first recorded it, UTC: every column it may serve, compared whole.

Oslo's offset is computed from the EU rule (CET, UTC+1; CEST, UTC+2 from 01:00 UTC on the
last Sunday of March to 01:00 UTC on the last Sunday of October), not from a time zone
database, so the answer depends on nothing the warehouses also use.

The figures the etude rests on are checked at every run (see FIGURES below).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from oracle.answers.platform import expected_orders
from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import ZERO, Shop
from oracle.values import (
    BIGINT,
    DATE,
    INTEGER,
    MONEY,
    TEXT,
    TIMESTAMP,
    cents_to_usd,
    clean_text,
    month_start,
    parse_int,
    parse_timestamp_utc,
)

YEAR = 2024
HUNDRED = Decimal(100)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def oslo_local(moment_utc: datetime) -> datetime:
    """A naive UTC time as Oslo's wall-clock time (EU summer time rule)."""
    summer_starts = datetime.combine(last_sunday(moment_utc.year, 3), datetime.min.time()) + timedelta(hours=1)
    summer_ends = datetime.combine(last_sunday(moment_utc.year, 10), datetime.min.time()) + timedelta(hours=1)
    offset = 2 if summer_starts <= moment_utc < summer_ends else 1
    return moment_utc + timedelta(hours=offset)


def net_revenue_by_month(shop: Shop) -> dict[date, Decimal]:
    months: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for facts in shop.order_facts.values():
        if facts.order.is_revenue and facts.order.ordered_at.year == YEAR:
            months[month_start(facts.order.ordered_at)] += facts.net_revenue_usd
    return dict(months)


def card_payment_share(shop: Shop) -> tuple[int, int, Decimal]:
    paid: set[int] = set()
    paid_by_card: set[int] = set()
    methods = {}
    for row in shop.raw.rows("raw_payments"):
        methods[int(row["payment_id"])] = row["payment_method"].strip().lower()
    for payment in shop.payments:
        if payment.status == "success" and payment.order_id in shop.orders:
            paid.add(payment.order_id)
            if methods[payment.payment_id] == "card":
                paid_by_card.add(payment.order_id)
    share = (HUNDRED * len(paid_by_card) / len(paid)).quantize(Decimal("0.01"))
    return len(paid), len(paid_by_card), share


def orders_by_oslo_hour(shop: Shop) -> dict[int, int]:
    hours: dict[int, int] = defaultdict(int)
    for order in shop.orders.values():
        local = oslo_local(order.ordered_at)
        if local.year == YEAR:
            hours[local.hour] += 1
    return dict(hours)


def payments_api(shop: Shop) -> list[tuple[int, int, str | None, str | None, Decimal, datetime | None]]:
    """Every payment of an order the shop knows, once: a replayed webhook repeats a payment id
    (the same payment), and the payment was received when the gateway first recorded it."""
    first: dict[int, dict[str, str]] = {}
    for row in shop.raw.rows("raw_payments"):
        payment_id = parse_int(row["payment_id"])
        known = first.get(payment_id)
        if known is None or parse_timestamp_utc(row["paid_at"]) < parse_timestamp_utc(known["paid_at"]):
            first[payment_id] = row
    payments = []
    for payment_id, row in sorted(first.items()):
        order_id = parse_int(row["order_id"])
        if order_id not in shop.orders:
            continue
        method, status = clean_text(row["payment_method"]), clean_text(row["payment_status"])
        payments.append((
            payment_id,
            order_id,
            None if method is None else method.lower(),
            None if status is None else status.lower(),
            cents_to_usd(parse_int(row["amount_cents"])),
            parse_timestamp_utc(row["paid_at"]),
        ))
    return payments


# What the etude rests on; a change in the raw data that moves these must update the etude.
FIGURES = {
    "net_revenue_2024_usd": Decimal("132611.22"),
    "paid_orders": 1442,
    "card_paid_orders": 879,
    # 691: order 903 (2024-12-31 23:47:16 UTC) is December's revenue and 2025 in Oslo.
    "orders_2024_oslo": 691,
    "payments_api_rows": 1602,
}


def check_figures(shop: Shop) -> None:
    paid, paid_by_card, _ = card_payment_share(shop)
    found = {
        "net_revenue_2024_usd": sum(net_revenue_by_month(shop).values(), ZERO),
        "paid_orders": paid,
        "card_paid_orders": paid_by_card,
        "orders_2024_oslo": sum(orders_by_oslo_hour(shop).values()),
        "payments_api_rows": len(payments_api(shop)),
    }
    if stated_figures_differ(found != FIGURES):
        raise ValueError(f"DME-009 rests on {FIGURES}; the raw data now gives {found}: update the etude and seeds/README.md")


def expected_dme_009__net_revenue_by_month(shop: Shop) -> ExpectedSeed:
    check_figures(shop)
    months = net_revenue_by_month(shop)
    return ExpectedSeed(
        name="expected_dme_009__net_revenue_by_month",
        description="DME-009: net revenue in US dollars per UTC month of 2024 (revenue orders, total less refunds).",
        columns=(
            Column("revenue_month", DATE, "The first day of the UTC month the orders were placed in."),
            Column("net_revenue_usd", MONEY, "Order totals less refunds of the month's revenue orders, US dollars."),
        ),
        rows=tuple(sorted(months.items())),
    )


def expected_dme_009__card_payment_share(shop: Shop) -> ExpectedSeed:
    paid, paid_by_card, share = card_payment_share(shop)
    return ExpectedSeed(
        name="expected_dme_009__card_payment_share",
        description="DME-009: of the shop's paid orders, the share with a successful card payment.",
        columns=(
            Column("paid_order_count", BIGINT, "Orders the shop knows with at least one successful payment."),
            Column("card_paid_order_count", BIGINT, "Of those, orders with a successful card payment."),
            Column("card_share_pct", MONEY, "card_paid_order_count / paid_order_count, in percent, two decimals."),
        ),
        rows=((paid, paid_by_card, share),),
    )


def expected_dme_009__orders_by_oslo_hour(shop: Shop) -> ExpectedSeed:
    hours = orders_by_oslo_hour(shop)
    return ExpectedSeed(
        name="expected_dme_009__orders_by_oslo_hour",
        description="DME-009: orders placed in 2024 (Oslo time) per hour of the day, Oslo local time.",
        columns=(
            Column("order_hour_oslo", INTEGER, "The hour of the day (0 to 23) on Oslo's wall clock."),
            Column("order_count", BIGINT, "Orders placed in that hour, any status."),
        ),
        rows=tuple(sorted(hours.items())),
    )


def expected_dme_009__orders_api(shop: Shop) -> ExpectedSeed:
    """Every column the orders API may serve, whole: the platform's orders mart (the same order
    facts), and the order's time on Oslo's wall clock. The check compares every column the API
    serves, so a wrong column the three questions do not read still fails."""
    orders = expected_orders(shop)
    at = [column.name for column in orders.columns].index("ordered_at_utc")
    return ExpectedSeed(
        name="expected_dme_009__orders_api",
        description=(
            "DME-009: what the public orders API serves: every order, every column it may serve "
            "(UTC time, text status, US dollars, Oslo wall-clock time)."
        ),
        columns=orders.columns + (Column("ordered_at_oslo", TIMESTAMP, "When the order was placed, Oslo time."),),
        rows=tuple(row + (oslo_local(row[at]),) for row in orders.rows),
    )


def expected_dme_009__payments_api(shop: Shop) -> ExpectedSeed:
    """Every column the payments API may serve, whole: a wrong column no question reads (an
    amount in cents, a replay's time) still fails."""
    return ExpectedSeed(
        name="expected_dme_009__payments_api",
        description=(
            "DME-009: what the public payments API serves: every payment of an order the shop knows, "
            "once, any status, in US dollars, first recorded at (UTC)."
        ),
        columns=(
            Column("payment_id", INTEGER, "The gateway's payment id; a replayed webhook is the same payment."),
            Column("order_id", INTEGER, "The order paid, one the shop knows."),
            Column("payment_method", TEXT, "card, paypal, gift_card or bank_transfer."),
            Column("payment_status", TEXT, "success, failed or pending."),
            Column("amount_usd", MONEY, "The amount, US dollars (the gateway's cents / 100)."),
            Column("paid_at_utc", TIMESTAMP, "When the gateway first recorded the payment, UTC."),
        ),
        rows=tuple(payments_api(shop)),
    )


ANSWERS = (
    expected_dme_009__net_revenue_by_month,
    expected_dme_009__card_payment_share,
    expected_dme_009__orders_by_oslo_hour,
    expected_dme_009__orders_api,
    expected_dme_009__payments_api,
)

"""Known answers for DME-006 The Context Problem: finance's payments and what reads them.

Since the payment gateway's API v2, finance reconciles `dme_006__payments`
against the gateway's settlement file, which states amounts in cents: one row
per successful payment of an order the shop knows, `amount` in integer cents.
Two consumers read that model and speak US dollars: finance's cash dashboard
(`dme_006__daily_payments`, per day and payment method) and marketing's CRM
export (`dme_006__customer_spend`, per customer who opted in to marketing, with
a spend segment). Computed here from raw_payments and the shop's cleaned
entities, independently of the SQL.

The figures the etude rests on are checked on the shipped data: the gateway's
webhook replayed 9 successful payments (8 exact duplicate rows, and payment 223
re-sent after midnight UTC the next day), and the 1,482 payments of known orders
settle 33,694,048 cents (336,940.48 USD). A model that reads the raw grain counts
the replays twice; one that keeps a replay's latest copy moves payment 223 a day;
one that sums cents as dollars is 100 times too high. Four opted-in customers sit
on the spend segments' edges (1,000.00, 999.99, 300.00 and 299.99 USD): `>` for
`>=`, or a segment on whole dollars, puts one of them in the wrong segment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import Shop
from oracle.values import BIGINT, DATE, INTEGER, MONEY, TEXT, clean_text, parse_int, parse_timestamp_utc

PAYMENTS = 1482
REPLAYED_PAYMENTS = 9
SETTLED_CENTS = 33_694_048
# The opted-in customers on the spend segments' edges (seeds/generate_raw_seeds.py, DME_006_SPEND_EDGES).
SPEND_EDGE_CUSTOMERS = {109: 100_000, 215: 99_999, 258: 30_000, 293: 29_999}
HIGH_SPEND_USD = Decimal("1000.00")
MEDIUM_SPEND_USD = Decimal("300.00")


@dataclass(frozen=True)
class SettledPayment:
    payment_id: int
    order_id: int
    customer_id: int | None  # as the orders mart keeps it: registered customers only
    paid_date: date
    payment_method: str
    amount_cents: int


def usd(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def registered_customer_id(shop: Shop, customer_id: int | None) -> int | None:
    if customer_id is None or customer_id in shop.erased_customer_ids or customer_id not in shop.customers:
        return None
    return customer_id


def settled_payments(shop: Shop) -> list[SettledPayment]:
    """Each successful payment once (first copy of a replay), for orders the shop knows."""
    settled: dict[int, SettledPayment] = {}
    replayed = 0
    for row in shop.raw.rows("raw_payments"):
        payment_id = parse_int(row["payment_id"])
        if clean_text(row["payment_status"]).lower() != "success":
            continue
        if payment_id in settled:
            replayed += 1
            continue
        order = shop.orders.get(parse_int(row["order_id"]))
        if order is None:
            continue
        settled[payment_id] = SettledPayment(
            payment_id=payment_id,
            order_id=order.order_id,
            customer_id=registered_customer_id(shop, order.customer_id),
            paid_date=parse_timestamp_utc(row["paid_at"]).date(),
            payment_method=clean_text(row["payment_method"]).lower(),
            amount_cents=parse_int(row["amount_cents"]),
        )
    payments = list(settled.values())
    cents = sum(payment.amount_cents for payment in payments)
    if stated_figures_differ((len(payments), replayed, cents) != (PAYMENTS, REPLAYED_PAYMENTS, SETTLED_CENTS)):
        raise ValueError(
            f"DME-006 rests on {PAYMENTS} settled payments ({SETTLED_CENTS} cents) and {REPLAYED_PAYMENTS} replays; "
            f"the raw data now has {len(payments)} ({cents} cents) and {replayed}: update the etude and seeds/README.md"
        )
    return payments


def spend_segment(paid_usd: Decimal) -> str:
    if paid_usd >= HIGH_SPEND_USD:
        return "high"
    if paid_usd >= MEDIUM_SPEND_USD:
        return "medium"
    return "low"


def expected_dme_006__payments(shop: Shop) -> ExpectedSeed:
    return ExpectedSeed(
        name="expected_dme_006__payments",
        description="DME-006: every successful payment of a known order once, amount in cents as settled.",
        columns=(
            Column("payment_id", INTEGER, "The gateway's payment id."),
            Column("order_id", INTEGER, "The order paid."),
            Column("customer_id", INTEGER, "The order's customer as the orders mart keeps it (else NULL)."),
            Column("paid_date", DATE, "The UTC date of the payment."),
            Column("payment_method", TEXT, "card, paypal, gift_card or bank_transfer."),
            Column("amount", BIGINT, "The amount settled, in US cents."),
        ),
        rows=tuple(
            (p.payment_id, p.order_id, p.customer_id, p.paid_date, p.payment_method, p.amount_cents)
            for p in settled_payments(shop)
        ),
    )


def expected_dme_006__daily_payments(shop: Shop) -> ExpectedSeed:
    days: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
    for payment in settled_payments(shop):
        day = days[(payment.paid_date, payment.payment_method)]
        day[0] += 1
        day[1] += payment.amount_cents
    return ExpectedSeed(
        name="expected_dme_006__daily_payments",
        description="DME-006: finance's cash dashboard, cash received per UTC day and payment method, in US dollars.",
        columns=(
            Column("paid_date", DATE, "The UTC date."),
            Column("payment_method", TEXT, "The payment method."),
            Column("payment_count", BIGINT, "Successful payments that day by that method."),
            Column("paid_usd", MONEY, "Their amount in US dollars."),
        ),
        rows=tuple((day, method, count, usd(cents)) for (day, method), (count, cents) in days.items()),
    )


def expected_dme_006__customer_spend(shop: Shop) -> ExpectedSeed:
    spend: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for payment in settled_payments(shop):
        if payment.customer_id is not None:
            spend[payment.customer_id][0] += 1
            spend[payment.customer_id][1] += payment.amount_cents
    on_edges = {
        customer_id: cents
        for customer_id, (_, cents) in spend.items()
        if cents in SPEND_EDGE_CUSTOMERS.values() and shop.customers[customer_id].is_marketing_opt_in
    }
    if stated_figures_differ(on_edges != SPEND_EDGE_CUSTOMERS):
        raise ValueError(
            f"DME-006 rests on opted-in customers at the spend edges {SPEND_EDGE_CUSTOMERS} (cents); "
            f"the raw data now has {on_edges}: update seeds/README.md and RULES.md"
        )
    rows = []
    for customer_id, (count, cents) in spend.items():
        customer = shop.customers[customer_id]
        if customer.is_marketing_opt_in:
            rows.append((customer_id, customer.country_code, count, usd(cents), spend_segment(usd(cents))))
    return ExpectedSeed(
        name="expected_dme_006__customer_spend",
        description="DME-006: marketing's CRM export, what each opted-in customer paid and their spend segment.",
        columns=(
            Column("customer_id", INTEGER, "A customer who opted in to marketing and paid at least once."),
            Column("country_code", TEXT, "The customer's country."),
            Column("payment_count", BIGINT, "Their successful payments."),
            Column("paid_usd", MONEY, "What they paid, in US dollars."),
            Column("spend_segment", TEXT, "high from 1,000 USD, medium from 300 USD, else low."),
        ),
        rows=tuple(rows),
    )


ANSWERS = (
    expected_dme_006__payments,
    expected_dme_006__daily_payments,
    expected_dme_006__customer_spend,
)

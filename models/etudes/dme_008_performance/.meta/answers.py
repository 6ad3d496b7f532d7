"""Known answers for DME-008 Performance at Scale: the trading desk's report of one day.

`dme_008__orders` stands in for production's orders table: the shop's orders (the
orders mart, one row per order) replicated to SCALE rows. The orders are numbered
1..N in the order they were placed (ordered_at, then order_id); row i (1..SCALE)
copies order floor((i - 1) * N / SCALE) + 1, so each order fills a contiguous block
of rows. The report counts, for the UTC day TRADING_DAY (00:00:00 included, the
next midnight excluded), per sales channel: the orders placed, the revenue orders
among them, their units and their order totals. Computed here from the raw CSVs
(through the platform's orders answer), independently of the SQL.

The figures the etude rests on are checked at every run: 1,500 orders; 2024-07-15
holds 9 of them, the first placed at exactly 00:00:00 (a cancelled web order), and
an order is placed at exactly the next midnight (a revenue order of the next day).
On every data variant too: its trading day starts with an order at 00:00:00 and
the next day with one at midnight (etudes/variants.py).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from oracle.answers.platform import expected_orders
from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import Shop
from oracle.values import BIGINT, DATE, MONEY, TEXT

SCALE = 10_000
TRADING_DAY = date(2024, 7, 15)
ORDERS = 1500
DAY_ORDERS = 9


def copies_per_order(order_count: int, scale: int) -> list[int]:
    """How many of the `scale` rows copy each order, by its number 1..order_count (index 0 = order 1)."""
    copies = [0] * order_count
    for row_index in range(1, scale + 1):
        copies[(row_index - 1) * order_count // scale] += 1
    return copies


def expected_dme_008__trading_day_report(shop: Shop) -> ExpectedSeed:
    seed = expected_orders(shop)
    header = seed.header
    orders = sorted(
        (dict(zip(header, row, strict=True)) for row in seed.rows),
        key=lambda order: (order["ordered_at_utc"], order["order_id"]),
    )
    if stated_figures_differ(len(orders) != ORDERS):
        raise ValueError(f"DME-008 expects {ORDERS} orders in the orders mart, found {len(orders)}")
    trading_day = date.fromisoformat(shop.raw.var("dme_008_trading_day", TRADING_DAY.isoformat()))
    day_start = datetime.combine(trading_day, time())
    day_end = day_start + timedelta(days=1)
    on_the_day = [order for order in orders if day_start <= order["ordered_at_utc"] < day_end]
    if stated_figures_differ(len(on_the_day) != DAY_ORDERS) or not on_the_day or on_the_day[0]["ordered_at_utc"] != day_start:
        raise ValueError(f"DME-008 expects {DAY_ORDERS} orders on {trading_day}, the first at midnight")
    if not any(order["ordered_at_utc"] == day_end for order in orders):
        raise ValueError(f"DME-008 expects an order at exactly the next midnight after {trading_day}: the half-open day's edge")
    copies = copies_per_order(len(orders), SCALE)
    per_channel: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0])
    for number, order in enumerate(orders):
        if not day_start <= order["ordered_at_utc"] < day_end:
            continue
        totals = per_channel[order["sales_channel"]]
        count = copies[number]
        totals[0] += count
        if order["is_revenue_order"]:
            totals[1] += count
            totals[2] += count * order["unit_count"]
            totals[3] += count * order["order_total_usd"]
    rows = tuple(
        (trading_day, channel, placed, revenue_orders, units, revenue)
        for channel, (placed, revenue_orders, units, revenue) in per_channel.items()
    )
    return ExpectedSeed(
        name="expected_dme_008__trading_day_report",
        description=(
            f"DME-008: the trading desk's report of {trading_day.isoformat()} (UTC) per sales channel, "
            f"over the orders table replicated to {SCALE:,} rows."
        ),
        columns=(
            Column("trading_day", DATE, "The UTC calendar day reported."),
            Column("sales_channel", TEXT, "web, app or store."),
            Column("orders_placed", BIGINT, "Rows of orders placed that day in the channel, whatever their status."),
            Column("revenue_orders", BIGINT, "Of those, the revenue orders."),
            Column("units_sold", BIGINT, "Units on the revenue orders."),
            Column("revenue_usd", MONEY, "Order totals of the revenue orders, US dollars."),
        ),
        rows=rows,
    )


ANSWERS = (expected_dme_008__trading_day_report,)

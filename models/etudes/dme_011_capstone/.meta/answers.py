"""Known answers for DME-011 The Capstone: the customer value and retention platform.

The capstone's lifetime value (version 1 of dme_011__customer_ltv) is the
platform's customers mart (expected_customers, oracle/answers/platform.py), so
its check reads that seed. What is new here is computed below from the raw CSVs
alone, independently of the SQL:

- each loaded order's values with its payment attempts at the gateway, failed
  ones included (an order without a payment took none);
- the retention columns version 2 adds (the month of the first revenue order,
  and whether the customer came back for a second one);
- the marketing audience, with the e-mail masked as the campaign team reads it;
- the customer tier history the snapshot keeps after the replay the scenario
  runs: one run with the CRM as it stood at REPLAY_FROM, then one on the full
  data (oracle/snapshots.py replays dbt's `timestamp` strategy), without the
  customers who asked for erasure (shop.erased_customer_ids, as the platform's
  customers mart): they are in no model of this feature.
"""

from __future__ import annotations

from datetime import datetime

from oracle.answers.dme_010_governance import partial_email
from oracle.answers.platform import revenue_orders_of_registered_customers
from oracle.registry import Column, ExpectedSeed, stated_figures_differ
from oracle.shop import ZERO, Shop
from oracle.snapshots import Version, replay_timestamp_snapshot
from oracle.values import BIGINT, BOOLEAN, DATE, INTEGER, MONEY, TEXT, TIMESTAMP, month_start

# The scenario's first run sees the CRM as it stood then (var customers_as_of).
REPLAY_FROM = datetime(2024, 6, 30)

# The data as built; the etude's README and hints quote these figures.
FIGURES = {
    "customers kept": 391,  # CRM customers who did not ask for erasure
    "customers kept without a revenue order": 52,
    "revenue orders of kept customers paid in several attempts": 142,
    "customers known at the replay's start": 247,
    "tier changes after the replay's start": 17,  # of customers known at the start
}


def kept_customer_ids(shop: Shop) -> list[int]:
    return [customer_id for customer_id in shop.customers if customer_id not in shop.erased_customer_ids]


def payment_attempts_per_order(shop: Shop) -> dict[int, int]:
    """Each order's payment attempts at the gateway, failed ones included; absent: none."""
    attempts: dict[int, int] = {}
    for payment in shop.payments:
        attempts[payment.order_id] = attempts.get(payment.order_id, 0) + 1
    return attempts


def measured_figures(shop: Shop) -> dict[str, int]:
    kept = kept_customer_ids(shop)
    orders = revenue_orders_of_registered_customers(shop)
    attempts = payment_attempts_per_order(shop)
    known = {v.customer_id for v in shop.customer_versions if v.updated_at <= REPLAY_FROM}
    return {
        "customers kept": len(kept),
        "customers kept without a revenue order": sum(1 for customer_id in kept if not orders.get(customer_id)),
        "revenue orders of kept customers paid in several attempts": sum(
            1
            for customer_id in kept
            for facts in orders.get(customer_id, [])
            if attempts.get(facts.order.order_id, 0) > 1
        ),
        "customers known at the replay's start": len(known),
        "tier changes after the replay's start": sum(
            1 for v in shop.customer_versions if v.updated_at > REPLAY_FROM and v.customer_id in known
        ),
    }


def checked_shop(shop: Shop) -> Shop:
    measured = measured_figures(shop)
    if stated_figures_differ(measured != FIGURES):
        changed = {key: (FIGURES[key], measured[key]) for key in FIGURES if FIGURES[key] != measured[key]}
        raise ValueError(f"DME-011's raw data changed (stated, measured): {changed}: update the etude")
    return shop


def expected_dme_011__order_revenue(shop: Shop) -> ExpectedSeed:
    attempts = payment_attempts_per_order(checked_shop(shop))
    rows = [
        (
            facts.order.order_id,
            facts.items_subtotal_usd,
            facts.order.shipping_usd,
            facts.order_total_usd,
            facts.refunded_usd,
            facts.net_revenue_usd,
            facts.paid_usd,
            attempts.get(facts.order.order_id, 0),
        )
        for facts in shop.order_facts.values()
    ]
    return ExpectedSeed(
        name="expected_dme_011__order_revenue",
        description="DME-011: the order values, one row per order, with its payment attempts.",
        columns=(
            Column("order_id", INTEGER, "The order's id."),
            Column("items_subtotal_usd", MONEY, "Sum of the order's lines, US dollars."),
            Column("shipping_usd", MONEY, "Shipping charged, US dollars."),
            Column("order_total_usd", MONEY, "Items plus shipping, US dollars."),
            Column("refunded_usd", MONEY, "Sum of the order's refunds, US dollars."),
            Column("net_revenue_usd", MONEY, "order_total_usd less refunded_usd, US dollars."),
            Column("paid_usd", MONEY, "Sum of the order's successful payments, US dollars."),
            Column("payment_attempts", BIGINT, "The order's payment attempts, failed ones included; 0 without one."),
        ),
        rows=tuple(rows),
    )


def expected_dme_011__customer_retention(shop: Shop) -> ExpectedSeed:
    orders = revenue_orders_of_registered_customers(checked_shop(shop))
    rows = []
    for customer_id in kept_customer_ids(shop):
        placed = [facts.order.ordered_at for facts in orders.get(customer_id, [])]
        rows.append((customer_id, month_start(min(placed)) if placed else None, len(placed) >= 2))
    return ExpectedSeed(
        name="expected_dme_011__customer_retention",
        description="DME-011: the retention columns of dme_011__customer_ltv v2, per customer not erased.",
        columns=(
            Column("customer_id", INTEGER, "The CRM's customer id."),
            Column("first_order_month", DATE, "First day of the UTC month of the first revenue order; NULL without one."),
            Column("is_repeat_customer", BOOLEAN, "True when the customer placed two revenue orders or more."),
        ),
        rows=tuple(rows),
    )


def expected_dme_011__marketing_audience(shop: Shop) -> ExpectedSeed:
    orders = revenue_orders_of_registered_customers(checked_shop(shop))
    rows = []
    for customer_id in kept_customer_ids(shop):
        customer = shop.customers[customer_id]
        own = orders.get(customer_id, [])
        rows.append((
            customer_id,
            partial_email(customer.email),
            customer.tier,
            customer.is_marketing_opt_in,
            len(own),
            sum((facts.net_revenue_usd for facts in own), ZERO),
        ))
    return ExpectedSeed(
        name="expected_dme_011__marketing_audience",
        description="DME-011: the marketing audience, one row per customer not erased, the e-mail masked.",
        columns=(
            Column("customer_id", INTEGER, "The CRM's customer id."),
            Column("email", TEXT, "Masked: first letter, '***' and the domain, as data_etudes.mask_pii's partial_email."),
            Column("tier", TEXT, "Loyalty tier, latest version."),
            Column("is_marketing_opt_in", BOOLEAN, "Marketing consent, latest version."),
            Column("order_count", BIGINT, "Revenue orders."),
            Column("lifetime_value_usd", MONEY, "Net revenue of the revenue orders, US dollars."),
        ),
        rows=tuple(rows),
    )


def expected_dme_011__customer_tier_history(shop: Shop) -> ExpectedSeed:
    erased = checked_shop(shop).erased_customer_ids
    versions = [
        Version(key=v.customer_id, updated_at=v.updated_at, payload=(v.tier, v.country_code))
        for v in shop.customer_versions
        if v.customer_id not in erased
    ]
    rows = [
        (row.key, *row.payload, row.valid_from, row.valid_from, row.valid_to)
        for row in replay_timestamp_snapshot(versions, [REPLAY_FROM, None])
    ]
    return ExpectedSeed(
        name="expected_dme_011__customer_tier_history",
        description=(
            "DME-011: the tier history snapshot after a run with the CRM as it stood at 2024-06-30 00:00 UTC, "
            "then a run on the full data; customers who asked for erasure are not in it."
        ),
        columns=(
            Column("customer_id", INTEGER, "The CRM's customer id."),
            Column("tier", TEXT, "Loyalty tier in this version."),
            Column("country_code", TEXT, "Country of the address in this version."),
            Column("updated_at_utc", TIMESTAMP, "When the CRM wrote this version, UTC."),
            Column("dbt_valid_from", TIMESTAMP, "When the version became current: the CRM's change time."),
            Column("dbt_valid_to", TIMESTAMP, "When the next version seen by a run replaced it; NULL while current."),
        ),
        rows=tuple(rows),
    )


ANSWERS = (
    expected_dme_011__order_revenue,
    expected_dme_011__customer_retention,
    expected_dme_011__marketing_audience,
    expected_dme_011__customer_tier_history,
)

"""Known answers for the platform's marts (models/marts/) and the customers snapshot."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from oracle.registry import Column, ExpectedSeed
from oracle.shop import ZERO, OrderFacts, Shop
from oracle.snapshots import Version, replay_timestamp_snapshot
from oracle.values import BIGINT, BOOLEAN, DATE, INTEGER, MONEY, TEXT, TIMESTAMP, month_start


def customer_type(shop: Shop, customer_id: int | None) -> str:
    if customer_id is None:
        return "guest"
    if customer_id in shop.erased_customer_ids:
        return "erased"
    if customer_id not in shop.customers:
        return "unknown"
    return "registered"


def expected_orders(shop: Shop) -> ExpectedSeed:
    rows = []
    for facts in shop.order_facts.values():
        order = facts.order
        kind = customer_type(shop, order.customer_id)
        rows.append((
            order.order_id,
            order.customer_id if kind == "registered" else None,
            kind,
            order.ordered_at,
            order.ordered_at.date(),
            order.status,
            order.sales_channel,
            order.is_revenue,
            facts.line_count,
            facts.unit_count,
            facts.items_subtotal_usd,
            order.shipping_usd,
            facts.order_total_usd,
            facts.paid_usd,
            facts.refunded_usd,
            facts.net_revenue_usd,
        ))
    return ExpectedSeed(
        name="expected_orders",
        description="The orders mart: one row per order.",
        columns=(
            Column("order_id", INTEGER), Column("customer_id", INTEGER), Column("customer_type", TEXT),
            Column("ordered_at_utc", TIMESTAMP), Column("order_date", DATE), Column("order_status", TEXT),
            Column("sales_channel", TEXT), Column("is_revenue_order", BOOLEAN), Column("line_count", BIGINT),
            Column("unit_count", BIGINT), Column("items_subtotal_usd", MONEY), Column("shipping_usd", MONEY),
            Column("order_total_usd", MONEY), Column("paid_usd", MONEY), Column("refunded_usd", MONEY),
            Column("net_revenue_usd", MONEY),
        ),
        rows=tuple(rows),
    )


def revenue_orders_of_registered_customers(shop: Shop) -> dict[int, list[OrderFacts]]:
    """The revenue orders of each registered customer (known to the CRM, not erased)."""
    revenue_orders: dict[int, list[OrderFacts]] = defaultdict(list)
    for facts in shop.order_facts.values():
        order = facts.order
        if order.is_revenue and customer_type(shop, order.customer_id) == "registered":
            revenue_orders[order.customer_id].append(facts)
    return revenue_orders


def expected_customers(shop: Shop) -> ExpectedSeed:
    revenue_orders = revenue_orders_of_registered_customers(shop)
    rows = []
    for customer_id, customer in shop.customers.items():
        if customer_id in shop.erased_customer_ids:
            continue
        orders = revenue_orders.get(customer_id, [])
        rows.append((
            customer_id,
            customer.country_code,
            customer.tier,
            customer.is_marketing_opt_in,
            customer.signed_up_at,
            customer.updated_at,
            min((facts.order.ordered_at for facts in orders), default=None),
            max((facts.order.ordered_at for facts in orders), default=None),
            len(orders),
            sum((facts.net_revenue_usd for facts in orders), ZERO),
        ))
    return ExpectedSeed(
        name="expected_customers",
        description="The customers mart: customers not erased, with their revenue orders.",
        columns=(
            Column("customer_id", INTEGER), Column("country_code", TEXT), Column("tier", TEXT),
            Column("is_marketing_opt_in", BOOLEAN), Column("signed_up_at_utc", TIMESTAMP),
            Column("tier_updated_at_utc", TIMESTAMP), Column("first_order_at_utc", TIMESTAMP),
            Column("last_order_at_utc", TIMESTAMP), Column("order_count", BIGINT),
            Column("lifetime_value_usd", MONEY),
        ),
        rows=tuple(rows),
    )


def expected_products(shop: Shop) -> ExpectedSeed:
    units: dict[int, int] = defaultdict(int)
    revenue: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for line in shop.revenue_lines:
        units[line.product_id] += line.quantity
        revenue[line.product_id] += line.amount_usd
    rows = [
        (
            product.product_id, product.sku, product.product_name, product.category_id, product.category_name,
            product.department_name, product.list_price_usd, product.is_active,
            units[product.product_id], revenue[product.product_id],
        )
        for product in shop.products.values()
    ]
    return ExpectedSeed(
        name="expected_products",
        description="The products mart: one row per product with its sales in revenue orders.",
        columns=(
            Column("product_id", INTEGER), Column("sku", TEXT), Column("product_name", TEXT),
            Column("category_id", INTEGER), Column("category_name", TEXT), Column("department_name", TEXT),
            Column("list_price_usd", MONEY), Column("is_active", BOOLEAN), Column("units_sold", BIGINT),
            Column("item_revenue_usd", MONEY),
        ),
        rows=tuple(rows),
    )


def expected_daily_revenue(shop: Shop) -> ExpectedSeed:
    days: dict = defaultdict(lambda: [0, ZERO, ZERO, ZERO])
    for facts in shop.order_facts.values():
        if not facts.order.is_revenue:
            continue
        day = days[facts.order.ordered_at.date()]
        day[0] += 1
        day[1] += facts.items_subtotal_usd
        day[2] += facts.order.shipping_usd
        day[3] += facts.refunded_usd
    rows = [
        (revenue_date, count, items, shipping, items + shipping, refunded, items + shipping - refunded)
        for revenue_date, (count, items, shipping, refunded) in days.items()
    ]
    return ExpectedSeed(
        name="expected_daily_revenue",
        description="The daily_revenue mart: booked revenue per UTC order date.",
        columns=(
            Column("revenue_date", DATE), Column("order_count", BIGINT), Column("items_revenue_usd", MONEY),
            Column("shipping_revenue_usd", MONEY), Column("gross_revenue_usd", MONEY),
            Column("refunded_usd", MONEY), Column("net_revenue_usd", MONEY),
        ),
        rows=tuple(rows),
    )


def expected_category_revenue(shop: Shop) -> ExpectedSeed:
    groups: dict = defaultdict(lambda: [set(), 0, ZERO])
    for line in shop.revenue_lines:
        product = shop.products.get(line.product_id)
        category_id = product.category_id if product else None
        category_name = (product.category_name if product else None) or "Uncategorised"
        month = month_start(shop.orders[line.order_id].ordered_at)
        group = groups[(category_id, category_name, month)]
        group[0].add(line.order_id)
        group[1] += line.quantity
        group[2] += line.amount_usd
    rows = [
        (category_id, category_name, month, len(order_ids), units, revenue)
        for (category_id, category_name, month), (order_ids, units, revenue) in groups.items()
    ]
    return ExpectedSeed(
        name="expected_category_revenue",
        description="The category_revenue mart: item revenue per category and UTC month.",
        columns=(
            Column("category_id", INTEGER), Column("category_name", TEXT), Column("revenue_month", DATE),
            Column("order_count", BIGINT), Column("units_sold", BIGINT), Column("item_revenue_usd", MONEY),
        ),
        rows=tuple(rows),
    )


def customer_tier_versions(shop: Shop) -> list[Version]:
    return [
        Version(
            key=version.customer_id,
            updated_at=version.updated_at,
            payload=(version.country_code, version.tier, version.is_marketing_opt_in, version.signed_up_at),
        )
        for version in shop.customer_versions
    ]


def expected_customers_snapshot(shop: Shop) -> ExpectedSeed:
    """snapshots/customers_snapshot after a fresh build (runs on the full data only).

    replay_timestamp_snapshot gives the whole history for any sequence of runs
    (the capstone's scenario runs with `customers_as_of` cutoffs); runs on the
    full data leave one current row per customer, valid from its latest version.
    """
    rows = []
    for row in replay_timestamp_snapshot(customer_tier_versions(shop), [None]):
        country_code, tier, is_marketing_opt_in, signed_up_at = row.payload
        rows.append((row.key, country_code, tier, is_marketing_opt_in, signed_up_at, row.valid_from,
                     row.valid_from, row.valid_to))
    return ExpectedSeed(
        name="expected_customers_snapshot",
        description="The customers snapshot after a fresh build on the full data.",
        columns=(
            Column("customer_id", INTEGER), Column("country_code", TEXT), Column("tier", TEXT),
            Column("is_marketing_opt_in", BOOLEAN), Column("signed_up_at_utc", TIMESTAMP),
            Column("updated_at_utc", TIMESTAMP), Column("dbt_valid_from", TIMESTAMP),
            Column("dbt_valid_to", TIMESTAMP),
        ),
        rows=tuple(rows),
    )


ANSWERS = (
    expected_orders,
    expected_customers,
    expected_products,
    expected_daily_revenue,
    expected_category_revenue,
    expected_customers_snapshot,
)

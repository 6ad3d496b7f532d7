"""The shop's cleaned entities, from the raw CSVs, by the rules the models document.

Each property is one entity at its natural grain, computed once per run:

    customer_versions  every CRM row, cleaned (the grain of the raw export)
    customers          the latest version of each customer (optionally as of a cutoff)
    erased_customer_ids  the CRM customers an erasure request resolves to
    orders             the latest load of each order, status validated
    order_lines        one row per order line with a positive quantity
    payments, refunds  one row per payment / refund id
    products           one row per product, with its category
    order_facts        per order: lines, payments and refunds summed
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from oracle.raw import RawTables
from oracle.values import (
    cents_to_usd,
    clean_text,
    normalise_email,
    parse_bool,
    parse_int,
    parse_money,
    parse_timestamp_utc,
)

ORDER_STATUSES = ("placed", "shipped", "completed", "returned", "cancelled")
REVENUE_STATUSES = ("placed", "shipped", "completed", "returned")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CustomerVersion:
    customer_id: int
    email: str | None
    country_code: str
    tier: str
    is_marketing_opt_in: bool
    signed_up_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Order:
    order_id: int
    customer_id: int | None
    ordered_at: datetime
    status: str
    sales_channel: str
    shipping_usd: Decimal
    loaded_at: datetime

    @property
    def is_revenue(self) -> bool:
        return self.status in REVENUE_STATUSES


@dataclass(frozen=True)
class OrderLine:
    order_item_id: int
    order_id: int
    product_id: int
    quantity: int
    unit_price_usd: Decimal

    @property
    def amount_usd(self) -> Decimal:
        return self.quantity * self.unit_price_usd


@dataclass(frozen=True)
class Payment:
    payment_id: int
    order_id: int
    status: str
    amount_usd: Decimal


@dataclass(frozen=True)
class Refund:
    refund_id: int
    order_id: int
    amount_usd: Decimal


@dataclass(frozen=True)
class Product:
    product_id: int
    sku: str
    product_name: str
    category_id: int | None
    category_name: str | None
    department_name: str | None
    list_price_usd: Decimal | None
    is_active: bool


@dataclass(frozen=True)
class OrderFacts:
    order: Order
    line_count: int
    unit_count: int
    items_subtotal_usd: Decimal
    paid_usd: Decimal
    refunded_usd: Decimal

    @property
    def order_total_usd(self) -> Decimal:
        return self.items_subtotal_usd + self.order.shipping_usd

    @property
    def net_revenue_usd(self) -> Decimal:
        return self.order_total_usd - self.refunded_usd


def first_per_key(rows, key):
    """The first row of each key, in input order (the raw duplicates are exact copies)."""
    kept = {}
    for row in rows:
        kept.setdefault(key(row), row)
    return list(kept.values())


@dataclass
class Shop:
    raw: RawTables
    customers_as_of: datetime | None = None

    # ----------------------------------------------------------------- customers

    @cached_property
    def customer_versions(self) -> list[CustomerVersion]:
        return [
            CustomerVersion(
                customer_id=parse_int(row["customer_id"]),
                email=normalise_email(row["email"]),
                country_code=clean_text(row["country_code"]).upper(),
                tier=clean_text(row["tier"]).lower(),
                is_marketing_opt_in=parse_bool(row["marketing_opt_in"]),
                signed_up_at=parse_timestamp_utc(row["signed_up_at"]),
                updated_at=parse_timestamp_utc(row["updated_at"]),
            )
            for row in self.raw.rows("raw_customers")
        ]

    @cached_property
    def customers(self) -> dict[int, CustomerVersion]:
        latest: dict[int, CustomerVersion] = {}
        for version in self.customer_versions:
            if self.customers_as_of is not None and version.updated_at > self.customers_as_of:
                continue
            known = latest.get(version.customer_id)
            if known is None or version.updated_at > known.updated_at:
                latest[version.customer_id] = version
        return latest

    @cached_property
    def erased_customer_ids(self) -> set[int]:
        crm_ids = {version.customer_id for version in self.customer_versions}
        ids_by_email: dict[str, set[int]] = defaultdict(set)
        for version in self.customer_versions:
            if version.email is not None:
                ids_by_email[version.email].add(version.customer_id)
        erased: set[int] = set()
        for row in self.raw.rows("raw_erasure_requests"):
            customer_id = parse_int(row["customer_id"])
            if customer_id is not None:
                if customer_id in crm_ids:
                    erased.add(customer_id)
            else:
                erased |= ids_by_email.get(normalise_email(row["email"]), set())
        return erased

    # ----------------------------------------------------------------- orders

    @cached_property
    def orders(self) -> dict[int, Order]:
        latest: dict[int, Order] = {}
        for row in self.raw.rows("raw_orders"):
            status = clean_text(row["status"]).lower()
            order = Order(
                order_id=parse_int(row["order_id"]),
                customer_id=parse_int(row["customer_id"]),
                ordered_at=parse_timestamp_utc(row["ordered_at"]),
                status=status if status in ORDER_STATUSES else "unknown",
                sales_channel=clean_text(row["sales_channel"]).lower(),
                shipping_usd=parse_money(row["shipping_usd"]),
                loaded_at=parse_timestamp_utc(row["loaded_at"]),
            )
            known = latest.get(order.order_id)
            if known is None or order.loaded_at > known.loaded_at:
                latest[order.order_id] = order
        return latest

    @cached_property
    def order_lines(self) -> list[OrderLine]:
        lines = [
            OrderLine(
                order_item_id=parse_int(row["order_item_id"]),
                order_id=parse_int(row["order_id"]),
                product_id=parse_int(row["product_id"]),
                quantity=parse_int(row["quantity"]),
                unit_price_usd=parse_money(row["unit_price_usd"]),
            )
            for row in self.raw.rows("raw_order_items")
        ]
        return [line for line in first_per_key(lines, lambda line: line.order_item_id) if line.quantity > 0]

    @cached_property
    def payments(self) -> list[Payment]:
        payments = [
            Payment(
                payment_id=parse_int(row["payment_id"]),
                order_id=parse_int(row["order_id"]),
                status=clean_text(row["payment_status"]).lower(),
                amount_usd=cents_to_usd(parse_int(row["amount_cents"])),
            )
            for row in self.raw.rows("raw_payments")
        ]
        return first_per_key(payments, lambda payment: payment.payment_id)

    @cached_property
    def refunds(self) -> list[Refund]:
        refunds = [
            Refund(
                refund_id=parse_int(row["refund_id"]),
                order_id=parse_int(row["order_id"]),
                amount_usd=parse_money(row["amount_usd"]),
            )
            for row in self.raw.rows("raw_refunds")
        ]
        return first_per_key(refunds, lambda refund: refund.refund_id)

    @cached_property
    def order_facts(self) -> dict[int, OrderFacts]:
        lines: dict[int, list[OrderLine]] = defaultdict(list)
        for line in self.order_lines:
            lines[line.order_id].append(line)
        paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for payment in self.payments:
            if payment.status == "success":
                paid[payment.order_id] += payment.amount_usd
        refunded: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for refund in self.refunds:
            refunded[refund.order_id] += refund.amount_usd
        return {
            order_id: OrderFacts(
                order=order,
                line_count=len(lines[order_id]),
                unit_count=sum(line.quantity for line in lines[order_id]),
                items_subtotal_usd=sum((line.amount_usd for line in lines[order_id]), ZERO),
                paid_usd=paid[order_id],
                refunded_usd=refunded[order_id],
            )
            for order_id, order in self.orders.items()
        }

    # ----------------------------------------------------------------- products

    @cached_property
    def products(self) -> dict[int, Product]:
        categories = {
            parse_int(row["category_id"]): (clean_text(row["category_name"]), clean_text(row["department_name"]))
            for row in self.raw.rows("raw_product_categories")
        }
        products: dict[int, Product] = {}
        for row in self.raw.rows("raw_products"):
            product_id = parse_int(row["product_id"])
            if product_id in products:
                continue
            category_id = parse_int(row["category_id"])
            category_name, department_name = categories.get(category_id, (None, None))
            price = parse_money(row["price_usd"])
            products[product_id] = Product(
                product_id=product_id,
                sku=clean_text(row["sku"]).upper(),
                product_name=clean_text(row["product_name"]),
                category_id=category_id,
                category_name=category_name,
                department_name=department_name,
                list_price_usd=price if price is not None and price >= 0 else None,
                is_active=parse_bool(row["is_active"]),
            )
        return products

    @cached_property
    def revenue_lines(self) -> list[OrderLine]:
        """Order lines of revenue orders."""
        return [
            line for line in self.order_lines
            if line.order_id in self.orders and self.orders[line.order_id].is_revenue
        ]

"""Generate the raw seeds of Halden Goods, the fictional retailer of data_etudes.

Standard library only, one fixed random seed: running it twice writes the same
bytes. The output is committed in seeds/raw/; seeds/README.md documents every
defect planted here, with counts. Rerun after a change with:

    python seeds/generate_raw_seeds.py

and then rewrite the known answers with `python -m oracle`.

The data describes January 2023 to June 2025 (orders from January 2024). Every
defect is planted on purpose, at a fixed count, by the `plant_*` steps below, so
that seeds/README.md can state the counts and the etudes can rely on them.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

SEED = 20250630
RAW_DIR = Path(__file__).resolve().parent / "raw"

PERIOD_START = datetime(2023, 1, 1)
ORDERS_START = datetime(2024, 1, 1)
PERIOD_END = datetime(2025, 6, 30, 23, 59, 59)

N_CUSTOMERS = 400
N_PRODUCTS = 120
N_ORDERS = 1500
N_SESSIONS = 900

FIRST_NAMES = [
    "Ingrid", "Ola", "Kari", "Lars", "Sofie", "Magnus", "Nora", "Henrik", "Emma", "Jonas",
    "Åsa", "Björn", "Søren", "Zoë", "José", "Łukasz", "Jürgen", "Chloé", "Mikael", "Sara",
    "Oliver", "Amelia", "Noah", "Maja", "Elias", "Leah", "William", "Ida", "Lucas", "Freya",
]
LAST_NAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Ødegaard", "Sæther", "Müller", "Lindqvist", "García", "Nowak", "Brown", "Smith", "Berg",
    "Haugen", "Dahl", "Lie", "Strøm", "Bakke", "Eriksen", "Moen", "Svensson", "O'Neill",
]
EMAIL_DOMAINS = ["example.com", "example.net", "example.org", "mail.example.com"]
CITIES = {
    "NO": [("Oslo", "01"), ("Bergen", "50"), ("Trondheim", "70"), ("Halden", "17"), ("Tromsø", "90")],
    "SE": [("Stockholm", "11"), ("Göteborg", "41"), ("Malmö", "21")],
    "DK": [("København", "10"), ("Aarhus", "80")],
    "DE": [("Berlin", "10"), ("Hamburg", "20"), ("München", "80")],
    "GB": [("London", "EC"), ("Leeds", "LS")],
    "US": [("Portland", "97"), ("Chicago", "60")],
}
COUNTRY_WEIGHTS = [("NO", 50), ("SE", 15), ("DK", 10), ("DE", 12), ("GB", 8), ("US", 5)]
STREETS = ["Storgata", "Kirkegata", "Parkveien", "Torggata", "Strandveien", "Bjørnstjerne Bjørnsons gate",
           "Main Street", "Elm Road", "Hauptstraße", "Drottninggatan"]
TIERS = ["bronze", "silver", "gold", "platinum"]

CATEGORIES = [
    # category_id, name, department, is_active, created_at
    (1, "Kitchen", "Home", "true", "2022-03-01 09:00:00"),
    (2, "Tableware", "Home", "true", "2022-03-01 09:00:00"),
    (3, "Bedding", "Home", "true", "2022-03-01 09:00:00"),
    (4, "Lighting", "Home", "true", "2022-05-12 10:30:00"),
    (5, "Outerwear", "Apparel", "true", "2022-03-01 09:00:00"),
    (6, "Knitwear", "Apparel", "true", "2022-03-01 09:00:00"),
    (7, "Garden & Outdoor", "Outdoor", "true", "2023-02-20 08:15:00"),
    (8, "Camping", "Outdoor", "true", "2022-08-01 12:00:00"),
    (9, "Stationery", "Office", "true", "2022-03-01 09:00:00"),
    (10, "Desk Accessories", "Office", "true", "2022-11-03 14:45:00"),
    (11, "Gift Cards", "Gifts", "true", "2023-09-01 07:00:00"),
    (12, "Seasonal", "Gifts", "false", "2022-10-01 09:00:00"),
    # Retired duplicate of "Garden & Outdoor" (planted: a category name that is not unique).
    (13, "Garden & Outdoor", "Garden", "false", "2022-03-01 09:00:00"),
]
PRODUCT_NOUNS = {
    1: ["Chef's Knife", "Cast Iron Pan", "Cutting Board", "Coffee Grinder", "Spice Rack"],
    2: ["Stoneware Plate", "Linen Napkin Set", "Water Glass", "Serving Bowl", "Mug"],
    3: ["Wool Blanket", "Linen Duvet Cover", "Down Pillow", "Cotton Sheet Set"],
    4: ["Table Lamp", "Pendant Light", "Candle Holder", "Reading Light"],
    5: ["Rain Jacket", "Down Parka", "Wool Coat", "Shell Jacket"],
    6: ["Merino Sweater", "Knit Beanie", "Wool Socks", "Cardigan"],
    7: ["Planter", "Garden Gloves", "Watering Can", "Bird Feeder"],
    8: ["Tent", "Sleeping Bag", "Camp Stove", "Headlamp", "Thermos"],
    9: ["Notebook", "Fountain Pen", "Pencil Set", "Sketchbook"],
    10: ["Desk Organiser", "Monitor Stand", "Paper Tray", "Desk Mat"],
    11: ["Gift Card"],
    12: ["Advent Candle", "Christmas Ornament", "Winter Wreath"],
}
ADJECTIVES = ["Fjord", "Nordic", "Halden", "Birch", "Granite", "Aurora", "Harbour", "Pine", "Slate", "Tide"]
PRICE_BANDS = {
    1: (15, 140), 2: (8, 60), 3: (30, 220), 4: (25, 180), 5: (90, 420), 6: (20, 160),
    7: (9, 70), 8: (25, 380), 9: (4, 45), 10: (12, 90), 11: (25, 100), 12: (6, 40),
}

ORDER_STATUSES = ["placed", "shipped", "completed", "returned", "cancelled"]
PAYMENT_METHODS = [("card", 60), ("paypal", 20), ("gift_card", 10), ("bank_transfer", 10)]
REFUND_REASONS = ["damaged", "wrong_size", "changed_mind", "late_delivery", "order_cancelled"]
EVENT_TYPES = [("page_view", 55), ("product_view", 25), ("add_to_cart", 10), ("checkout", 6), ("purchase", 4)]
PAGES = ["/", "/kitchen", "/home", "/apparel", "/outdoor", "/office", "/gifts", "/cart", "/checkout", "/account"]


def fmt_ts(moment: datetime) -> str:
    """UTC without a zone, the way most of the shop's systems export time."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def fmt_utc_z(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    while day.weekday() != 6:
        day -= timedelta(days=1)
    return day


def oslo_offset_hours(moment_utc: datetime) -> int:
    """Europe/Oslo: UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC."""
    start = datetime.combine(last_sunday(moment_utc.year, 3), datetime.min.time()) + timedelta(hours=1)
    end = datetime.combine(last_sunday(moment_utc.year, 10), datetime.min.time()) + timedelta(hours=1)
    return 2 if start <= moment_utc < end else 1


def fmt_oslo(moment_utc: datetime) -> str:
    hours = oslo_offset_hours(moment_utc)
    local = moment_utc + timedelta(hours=hours)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"+0{hours}:00"


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


@dataclass
class Generator:
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))

    def weighted(self, pairs: list[tuple[str, int]]) -> str:
        values = [value for value, _ in pairs]
        weights = [weight for _, weight in pairs]
        return self.rng.choices(values, weights=weights, k=1)[0]

    def moment_between(self, start: datetime, end: datetime) -> datetime:
        seconds = int((end - start).total_seconds())
        return start + timedelta(seconds=self.rng.randint(0, seconds))


# --------------------------------------------------------------------------- categories, products


def build_categories() -> list[list[str]]:
    header = ["category_id", "category_name", "department_name", "is_active", "created_at"]
    return [header] + [[str(c[0]), c[1], c[2], c[3], c[4]] for c in CATEGORIES]


@dataclass
class Product:
    product_id: int
    sku: str
    name: str
    category_id: int | None
    true_price: Decimal
    listed_price: str
    is_active: str
    created_at: datetime


def build_products(gen: Generator) -> list[Product]:
    rng = gen.rng
    products: list[Product] = []
    category_ids = [c for c in PRODUCT_NOUNS]
    for product_id in range(1, N_PRODUCTS + 1):
        category_id = category_ids[(product_id - 1) % len(category_ids)]
        noun = rng.choice(PRODUCT_NOUNS[category_id])
        name = f"{rng.choice(ADJECTIVES)} {noun}"
        low, high = PRICE_BANDS[category_id]
        price = Decimal(rng.randint(low, high)) - Decimal("0.10")
        if category_id == 11:
            price = Decimal(rng.choice([25, 50, 100]))
        created = gen.moment_between(datetime(2022, 3, 1), datetime(2023, 12, 31))
        products.append(
            Product(
                product_id=product_id,
                sku=f"HG-{product_id:05d}",
                name=name,
                category_id=category_id,
                true_price=price,
                listed_price=money(price),
                is_active="false" if category_id == 12 else "true",
                created_at=created,
            )
        )
    # Planted: negative list prices (a sign error in the PIM), NULL prices, lowercase SKUs
    # with stray spaces, products with no or an unknown category, SKUs reused by a relisted product.
    for product_id in (14, 55, 97):
        product = products[product_id - 1]
        product.listed_price = "-" + money(product.true_price)
    for product_id in (38, 76):
        products[product_id - 1].listed_price = ""
    for product_id in (33, 81):
        product = products[product_id - 1]
        product.sku = " " + product.sku.lower() + " "
    for product_id in (22, 64):
        products[product_id - 1].category_id = None
    products[109 - 1].category_id = 99
    for product_id, reused_from in ((118, 17), (119, 42)):
        products[product_id - 1].sku = products[reused_from - 1].sku
    return products


def product_rows(products: list[Product]) -> list[list[str]]:
    header = ["product_id", "sku", "product_name", "category_id", "price_usd", "is_active", "created_at"]
    rows = [
        [str(p.product_id), p.sku, p.name, "" if p.category_id is None else str(p.category_id),
         p.listed_price, p.is_active, fmt_ts(p.created_at)]
        for p in products
    ]
    # Planted: one product exported twice.
    rows.insert(57, list(rows[56]))
    return [header] + rows + dme_001_edge_product_rows()


# DME-001's rule edges: products 121-129, appended after the generated export with their own
# random stream (names and creation times only), so the shared stream and every row before
# them stay as they were. Each row sits on one rule's edge or breaks two adjacent rules of the
# brief's order (the first reason wins); their lifecycle statuses are in raw_product_lifecycle.csv.
DME_001_EDGE_PRODUCTS = [
    # product_id, sku (None: its own), category_id, price_usd
    (121, None, "1", "0.00"),  # a price of exactly zero: price_not_positive (exported twice, below)
    (122, None, "2", "0.01"),  # the smallest price above zero: in the catalogue
    (123, None, "", ""),  # no price and no category: missing_price
    (124, None, "", "0.00"),  # a zero price and no category: price_not_positive
    (125, None, "", "35.90"),  # no category and status archived: missing_category
    (126, None, "99", "44.90"),  # an unknown category and no status: unknown_category
    (127, None, "3", "59.90"),  # a product the lifecycle sheet does not list: invalid_status
    (128, "HG-00003", "4", "64.90"),  # status pending and product 3's SKU: invalid_status
    (129, "HG-00014", "5", "129.90"),  # product 14's SKU (14 itself is refused): reused_sku
]


def dme_001_edge_product_rows() -> list[list[str]]:
    rng = random.Random(f"{SEED}-dme_001")
    rows = []
    for product_id, sku, category_id, price in DME_001_EDGE_PRODUCTS:
        noun = rng.choice(PRODUCT_NOUNS[rng.randint(1, 10)])
        created = PERIOD_START + timedelta(seconds=rng.randint(0, 364 * 86400))
        rows.append([str(product_id), sku or f"HG-{product_id:05d}", f"{rng.choice(ADJECTIVES)} {noun}",
                     category_id, price, "true", fmt_ts(created)])
    # The zero-priced product exported twice: the first copy is judged (price_not_positive),
    # the second is a duplicate_row.
    rows.append(list(rows[0]))
    return rows


# --------------------------------------------------------------------------- customers


@dataclass
class Customer:
    customer_id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    street_address: str
    city: str
    postal_code: str
    country_code: str
    tier: str
    marketing_opt_in: str
    signed_up_at: datetime
    updated_at: datetime

    def row(self, tier_text: str | None = None, email_text: str | None = None) -> list[str]:
        return [
            str(self.customer_id), self.first_name, self.last_name,
            (email_text if email_text is not None else self.email) or "",
            self.phone or "", self.street_address, self.city, self.postal_code, self.country_code,
            tier_text if tier_text is not None else self.tier,
            self.marketing_opt_in, fmt_ts(self.signed_up_at), fmt_ts(self.updated_at),
        ]


CUSTOMER_HEADER = [
    "customer_id", "first_name", "last_name", "email", "phone", "street_address", "city",
    "postal_code", "country_code", "tier", "marketing_opt_in", "signed_up_at", "updated_at",
]


def phone_for(gen: Generator, country: str) -> str:
    rng = gen.rng
    if country == "NO":
        return f"+47 {rng.randint(400, 999)} {rng.randint(10, 99)} {rng.randint(100, 999)}"
    if country == "SE":
        return f"+46 7{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    if country == "DK":
        return f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    if country == "DE":
        return f"+49 15{rng.randint(1, 9)} {rng.randint(1000000, 9999999)}"
    if country == "GB":
        return f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
    return f"+1 {rng.randint(200, 989)}-555-{rng.randint(1000, 9999)}"


def ascii_fold(text: str) -> str:
    table = str.maketrans({"Å": "A", "å": "a", "Ø": "O", "ø": "o", "Æ": "Ae", "æ": "ae", "ö": "o", "Ö": "O",
                           "ü": "u", "ß": "ss", "é": "e", "í": "i", "ë": "e", "Ł": "L", "ł": "l", "'": ""})
    return text.translate(table)


def build_customers(gen: Generator) -> list[Customer]:
    rng = gen.rng
    customers: list[Customer] = []
    for customer_id in range(1, N_CUSTOMERS + 1):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        country = gen.weighted(COUNTRY_WEIGHTS)
        city, postal_prefix = rng.choice(CITIES[country])
        signed_up = gen.moment_between(PERIOD_START, datetime(2025, 5, 31))
        email = f"{ascii_fold(first).lower()}.{ascii_fold(last).lower()}{customer_id}@{rng.choice(EMAIL_DOMAINS)}"
        customers.append(
            Customer(
                customer_id=customer_id,
                first_name=first,
                last_name=last,
                email=email,
                phone=phone_for(gen, country),
                street_address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                city=city,
                postal_code=f"{postal_prefix}{rng.randint(10, 99)}",
                country_code=country,
                tier=rng.choices(TIERS, weights=[55, 28, 13, 4], k=1)[0],
                marketing_opt_in=rng.choice(["true", "false"]),
                signed_up_at=signed_up,
                updated_at=signed_up + timedelta(minutes=rng.randint(0, 30)),
            )
        )
    # Planted: NULL e-mails and NULL phones.
    for customer_id in (45, 132, 217, 288, 351, 390):
        customers[customer_id - 1].email = None
    for customer_id in range(7, N_CUSTOMERS + 1, 19):
        customers[customer_id - 1].phone = None
    # Planted: the same person signed up twice (second account, same e-mail in another case).
    for duplicate_id, original_id in ((160, 12), (305, 77), (366, 240)):
        original = customers[original_id - 1]
        duplicate = customers[duplicate_id - 1]
        duplicate.first_name, duplicate.last_name = original.first_name, original.last_name
        duplicate.email = original.email.upper() if original.email else None
    return customers


def customer_rows(gen: Generator, customers: list[Customer]) -> tuple[list[list[str]], list[tuple[int, str, datetime]]]:
    """The CRM export: one row per customer version, the newer versions appended at the end."""
    rng = gen.rng
    messy_email_ids = set(range(3, N_CUSTOMERS + 1, 16))  # mixed case and stray spaces
    messy_tier_ids = {18, 93, 140, 201, 277, 333, 372, 399}  # tier in another case / padded
    rows: list[list[str]] = []
    versions: list[tuple[int, str, datetime]] = []
    for customer in customers:
        email_text = None
        if customer.customer_id in messy_email_ids and customer.email:
            local, domain = customer.email.split("@")
            email_text = f"  {local.capitalize()}@{domain.upper()} "
        tier_text = None
        if customer.customer_id in messy_tier_ids:
            tier_text = rng.choice([customer.tier.upper(), " " + customer.tier.capitalize()])
        rows.append(customer.row(tier_text=tier_text, email_text=email_text))
        versions.append((customer.customer_id, customer.tier, customer.updated_at))
    # Planted: tier changes. 70 customers get a newer version (18 of them two), appended at the end.
    changing = sorted(rng.sample(range(1, N_CUSTOMERS + 1), 70))
    twice = set(rng.sample(changing, 18))
    appended: list[tuple[datetime, list[str]]] = []
    for customer_id in changing:
        customer = customers[customer_id - 1]
        changes = 2 if customer_id in twice else 1
        moment = customer.updated_at
        for _ in range(changes):
            moment = gen.moment_between(moment + timedelta(days=20), moment + timedelta(days=240))
            if moment > PERIOD_END:
                break  # the change would fall after the export
            index = TIERS.index(customer.tier)
            step = 1 if index == 0 else rng.choice([1, 1, -1]) if index < 3 else -1
            customer.tier = TIERS[index + step]
            customer.updated_at = moment
            appended.append((moment, customer.row()))
            versions.append((customer.customer_id, customer.tier, moment))
    appended.sort(key=lambda pair: (pair[0], pair[1][0]))
    rows.extend(row for _, row in appended)
    # Planted: the export ran twice for a few customers (exact duplicate rows).
    for index in (10, 61, 150, 222, 301, 388):
        rows.append(list(rows[index]))
    return [CUSTOMER_HEADER] + rows, versions


# --------------------------------------------------------------------------- orders and what follows


@dataclass
class Order:
    order_id: int
    customer_id: int | None
    ordered_at: datetime
    status: str
    channel: str
    shipping: Decimal
    loaded_at: datetime
    items: list[tuple[int, int, int, Decimal]] = field(default_factory=list)  # item id, product, qty, price

    @property
    def subtotal(self) -> Decimal:
        return sum((qty * price for _, _, qty, price in self.items), Decimal(0))


def status_for(gen: Generator, ordered_at: datetime) -> str:
    age_days = (PERIOD_END - ordered_at).days
    if age_days < 4:
        return gen.weighted([("placed", 70), ("shipped", 25), ("cancelled", 5)])
    if age_days < 14:
        return gen.weighted([("placed", 10), ("shipped", 55), ("completed", 30), ("cancelled", 5)])
    return gen.weighted([("completed", 84), ("returned", 8), ("cancelled", 6), ("shipped", 2)])


def build_orders(gen: Generator, customers: list[Customer], products: list[Product]) -> list[Order]:
    rng = gen.rng
    orders: list[Order] = []
    item_id = 0
    buyers = customers[:]
    weights = [rng.choice([1, 1, 1, 2, 3, 5]) for _ in buyers]
    guest_orders = set(rng.sample(range(1, N_ORDERS + 1), 25))
    unknown_customer_orders = dict(zip(sorted(rng.sample(range(1, N_ORDERS + 1), 5)), (412, 415, 415, 431, 458)))
    without_items = {96, 402, 733, 1088, 1420}
    for order_id in range(1, N_ORDERS + 1):
        customer_id: int | None
        if order_id in guest_orders:
            customer_id, start = None, ORDERS_START
        elif order_id in unknown_customer_orders:
            customer_id, start = unknown_customer_orders[order_id], ORDERS_START
        else:
            customer = rng.choices(buyers, weights=weights, k=1)[0]
            customer_id, start = customer.customer_id, max(customer.signed_up_at, ORDERS_START)
        ordered_at = gen.moment_between(start, PERIOD_END)
        status = status_for(gen, ordered_at)
        if order_id in without_items:
            status = "cancelled"
        channel = gen.weighted([("web", 65), ("app", 25), ("store", 10)])
        order = Order(order_id, customer_id, ordered_at, status, channel, Decimal("0.00"),
                      ordered_at + timedelta(minutes=rng.randint(5, 90)))
        if order_id not in without_items:
            for _ in range(rng.choices([1, 2, 3, 4], weights=[45, 30, 17, 8], k=1)[0]):
                item_id += 1
                product = rng.choice(products)
                quantity = rng.choices([1, 2, 3], weights=[75, 20, 5], k=1)[0]
                price = product.true_price
                if rng.random() < 0.12 and product.category_id != 11:
                    price = (price * Decimal("0.8")).quantize(Decimal("0.01"))
                order.items.append((item_id, product.product_id, quantity, price))
        if channel != "store" and order.subtotal < 50:
            order.shipping = Decimal("4.90")
        orders.append(order)
    # Orders arrive in the export roughly in time order, not by id.
    return orders


def order_rows(gen: Generator, orders: list[Order]) -> list[list[str]]:
    rng = gen.rng
    header = ["order_id", "customer_id", "ordered_at", "status", "sales_channel", "shipping_usd", "loaded_at"]
    zone_kinds: dict[int, str] = {}
    ids = [o.order_id for o in orders]
    oslo_ids = set(rng.sample(ids, 225))  # 15 %: local Oslo time with an offset
    naive_ids = set(rng.sample(sorted(set(ids) - oslo_ids), 150))  # 10 %: UTC without a zone
    for order_id in ids:
        zone_kinds[order_id] = "oslo" if order_id in oslo_ids else "naive" if order_id in naive_ids else "z"
    late_ids = set(rng.sample(ids, 30))
    messy_status = dict(zip(sorted(rng.sample(ids, 9)), ["Completed", " shipped", "COMPLETED", "Shipped ",
                                                         "completed ", "Returned", "CANCELLED", "Placed",
                                                         " completed"]))
    invalid_status = dict(zip(sorted(rng.sample(sorted(set(ids) - set(messy_status)), 5)),
                              ["complete", "pending_review", "complete", "on_hold", "pending_review"]))

    def render(order: Order, status: str, loaded_at: datetime) -> list[str]:
        kind = zone_kinds[order.order_id]
        ordered = (fmt_oslo(order.ordered_at) if kind == "oslo"
                   else fmt_ts(order.ordered_at) if kind == "naive" else fmt_utc_z(order.ordered_at))
        return [str(order.order_id), "" if order.customer_id is None else str(order.customer_id), ordered,
                status, order.channel, money(order.shipping), fmt_ts(loaded_at)]

    rows: list[tuple[datetime, list[str]]] = []
    for order in orders:
        if order.order_id in late_ids:
            order.loaded_at = order.ordered_at + timedelta(days=rng.randint(3, 20), minutes=rng.randint(0, 600))
        status = messy_status.get(order.order_id, invalid_status.get(order.order_id, order.status))
        if order.status in ("shipped", "completed", "returned") and order.order_id % 61 == 0:
            # Planted: the order was exported again after its status changed (a newer version).
            earlier = "placed" if order.status == "shipped" else "shipped"
            rows.append((order.loaded_at, render(order, earlier, order.loaded_at)))
            order.loaded_at = order.loaded_at + timedelta(days=rng.randint(1, 6))
        rows.append((order.loaded_at, render(order, status, order.loaded_at)))
    rows.sort(key=lambda pair: (pair[0], int(pair[1][0])))
    result = [row for _, row in rows]
    # Planted: a batch loaded twice (exact duplicate rows).
    for index in range(700, 712):
        result.append(list(result[index]))
    return [header] + result


# DME-002's rule edge: the checkout record (an order's first export) is the channel, whatever a
# later status export says. Four orders get one more status export, appended last, that carries
# another channel (the back-office service that changed the status): three exported on time and
# one of the 30 late orders (first export days after the order, so a backfill that falls back to
# the latest export for late orders is wrong too). Each moves one step on (placed -> shipped, shipped
# -> completed), so revenue is unchanged. Own random stream: the shared one is not shifted.
DME_002_NEXT_STATUS = {"placed": "shipped", "shipped": "completed"}
DME_002_CHANNEL_CHANGES = {"web": "store", "app": "web", "store": "app"}  # checkout channel -> later export


def dme_002_channel_change_rows(orders_csv: list[list[str]]) -> list[list[str]]:
    rng = random.Random(f"{SEED}-dme_002")
    header, rows = orders_csv[0], orders_csv[1:]
    at = {name: index for index, name in enumerate(header)}
    exports: dict[str, list[list[str]]] = {}
    for row in rows:
        exports.setdefault(row[at["order_id"]], []).append(row)

    def ordered_at(row: list[str]) -> datetime:
        return datetime.fromisoformat(row[at["ordered_at"]]).replace(tzinfo=None)

    def loaded_at(row: list[str]) -> datetime:
        return datetime.fromisoformat(row[at["loaded_at"]])

    candidates = {"on_time": [], "late": []}
    for order_id, order_exports in sorted(exports.items(), key=lambda pair: int(pair[0])):
        first, last = min(order_exports, key=loaded_at), max(order_exports, key=loaded_at)
        if len(order_exports) > 1 or last[at["status"]] not in DME_002_NEXT_STATUS:
            continue
        if not datetime(2024, 2, 1) <= ordered_at(first) <= datetime(2025, 5, 31):
            continue
        late = loaded_at(first) - ordered_at(first) > timedelta(hours=48)
        candidates["late" if late else "on_time"].append(last)
    # One on-time order per checkout channel, each moved to another channel, so that neither the
    # latest export nor the greatest or least channel of an order is its checkout record.
    planted = [
        rng.choice([row for row in candidates["on_time"] if row[at["sales_channel"]] == channel])
        for channel in DME_002_CHANNEL_CHANGES
    ] + rng.sample(candidates["late"], min(1, len(candidates["late"])))  # a variant may have none
    appended = []
    for last in sorted(planted, key=lambda row: int(row[at["order_id"]])):
        row = list(last)
        row[at["status"]] = DME_002_NEXT_STATUS[last[at["status"]]]
        row[at["sales_channel"]] = DME_002_CHANNEL_CHANGES[last[at["sales_channel"]]]
        row[at["loaded_at"]] = fmt_ts(loaded_at(last) + timedelta(days=rng.randint(1, 6), minutes=rng.randint(0, 600)))
        appended.append(row)
    return appended


# DME-008's rule edges, on the shipped trading day 2024-07-15 (a UTC day, half-open). Four orders of
# July 2024 move earlier in the same month, each keeping its UTC hour of day (the hourly answers do not
# move) and its export delay: one to exactly the next midnight (must not count), one to 22:20 UTC (the
# next day in Oslo), one with shipping charged (revenue is items plus shipping) and one returned and
# refunded (a revenue order whose net differs from its total). Two of the day's completed orders are
# exported as placed and as shipped (revenue statuses too: revenue does not move). No random draw:
# the shipped data only; a variant's trading day gets its edges from etudes/variants.py.
DME_008_MOVED_ORDERS = {  # order id -> its new ordered_at (UTC)
    "557": datetime(2024, 7, 16),  # from 2024-07-30 00:52:39: the next midnight, a revenue order
    "1132": datetime(2024, 7, 15, 22, 20, 8),  # from 2024-07-28: late on the day, next day in Oslo
    "247": datetime(2024, 7, 15, 10, 52, 11),  # from 2024-07-16: 4.90 shipping
    "460": datetime(2024, 7, 15, 2, 59, 58),  # from 2024-07-24: returned, refunded in August
}
DME_008_STATUS_CHANGES = {"133": "placed", "300": "shipped"}  # completed orders of 2024-07-15


def dme_008_trading_day_edges(orders_csv: list[list[str]], seed: int) -> list[list[str]]:
    if seed != SEED:
        return orders_csv
    moved = moved_orders(orders_csv, DME_008_MOVED_ORDERS)
    at = {name: index for index, name in enumerate(moved[0])}
    for row in moved[1:]:
        row[at["status"]] = DME_008_STATUS_CHANGES.get(row[at["order_id"]], row[at["status"]])
    return moved


# DME-009's rule edges, on Oslo's clock: the three questions count an order by its UTC month
# (question 1) and by the hour and year of Oslo's wall clock (question 3), which switches to summer
# time at 01:00 UTC on the last Sunday of March and back at 01:00 UTC on the last Sunday of October.
# Four orders move within their UTC month (no monthly answer moves; their payments stay where they
# are): one exactly at each switch, one in the last second of the hour after the spring switch (so
# that a rule switching at the local hours, 02:00 and 03:00 read as UTC, moves more orders in spring
# than in autumn), and a revenue order late on 2024-12-31 UTC, already 2025 in Oslo (December's
# revenue, not one of 2024's Oslo hours). Each keeps its export delay and its zone's shape. No random
# draw: the shipped data only.
DME_009_MOVED_ORDERS = {  # order id -> its new ordered_at (UTC)
    "1018": datetime(2024, 3, 31, 1, 59, 59),  # from 2024-03-29 02:38:08: 03:59:59 CEST
    "1022": datetime(2024, 3, 31, 1, 0, 0),  # from 14:59:27: the first second of summer time (03:00 CEST)
    "1043": datetime(2024, 10, 27, 1, 0, 0),  # from 04:43:30: the first second of winter time (02:00 CET)
    "903": datetime(2024, 12, 31, 23, 47, 16),  # from 20:47:16: 2025-01-01 00:47 in Oslo, a revenue order
}


def dme_009_oslo_clock_edges(orders_csv: list[list[str]], seed: int) -> list[list[str]]:
    if seed != SEED:
        return orders_csv
    return moved_orders(orders_csv, DME_009_MOVED_ORDERS)


def moved_orders(orders_csv: list[list[str]], moves: dict[str, datetime]) -> list[list[str]]:
    """The orders with each order of ``moves`` (order id -> its new ordered_at, UTC) placed anew: its
    ordered_at written in the shape it had (Oslo's offset, UTC's Z, or no zone), its loaded_at moved
    by as much, so that it keeps its export delay."""
    header, rows = orders_csv[0], orders_csv[1:]
    at = {name: index for index, name in enumerate(header)}
    edited = [header]
    for row in rows:
        row = list(row)
        new = moves.get(row[at["order_id"]])
        if new is not None:
            written = row[at["ordered_at"]]
            parsed = datetime.fromisoformat(written)
            old = parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed
            row[at["ordered_at"]] = (fmt_oslo(new) if written[-6] in "+-" else
                                     fmt_utc_z(new) if written.endswith("Z") else fmt_ts(new))
            row[at["loaded_at"]] = fmt_ts(datetime.fromisoformat(row[at["loaded_at"]]) + (new - old))
        edited.append(row)
    return edited


def order_item_rows(orders: list[Order]) -> list[list[str]]:
    header = ["order_item_id", "order_id", "product_id", "quantity", "unit_price_usd"]
    rows = []
    for order in orders:
        for item_id, product_id, quantity, price in order.items:
            rows.append([str(item_id), str(order.order_id), str(product_id), str(quantity), money(price)])
    # Planted: lines with a zero quantity (cart glitch), and lines loaded twice.
    for index in (120, 1315, 2502):
        rows[index][3] = "0"
    for index in range(2000, 2010):
        rows.append(list(rows[index]))
    return [header] + rows


def payment_and_refund_rows(gen: Generator, orders: list[Order]) -> tuple[list[list[str]], list[list[str]]]:
    rng = gen.rng
    pay_header = ["payment_id", "order_id", "payment_method", "payment_status", "amount_cents", "paid_at"]
    refund_header = ["refund_id", "order_id", "amount_usd", "reason", "refunded_at"]
    payments: list[list[str]] = []
    refunds: list[list[str]] = []
    payment_id = 0
    refund_id = 0

    def pay(order_id: int, method: str, status: str, cents: int, moment: datetime) -> None:
        nonlocal payment_id
        payment_id += 1
        payments.append([str(payment_id), str(order_id), method, status, str(cents), fmt_ts(moment)])

    def refund(order_id: int, amount: Decimal, reason: str, moment: datetime) -> None:
        nonlocal refund_id
        refund_id += 1
        refunds.append([str(refund_id), str(order_id), money(amount), reason, fmt_utc_z(moment)])

    underpaid = {311, 1207}
    for order in orders:
        total = order.subtotal + order.shipping
        cents = int(total * 100)
        moment = order.ordered_at + timedelta(seconds=rng.randint(20, 900))
        if order.status == "cancelled" and (not order.items or rng.random() < 0.5):
            continue  # cancelled before payment
        method = gen.weighted(PAYMENT_METHODS)
        if order.status == "placed" and method == "bank_transfer":
            pay(order.order_id, method, "pending", cents, moment)
            continue
        if rng.random() < 0.08:
            pay(order.order_id, "card", "failed", cents, moment)
            moment += timedelta(minutes=rng.randint(1, 30))
        if order.order_id in underpaid:
            cents -= 1000
        if rng.random() < 0.04 and cents > 3000:
            pay(order.order_id, "gift_card", "success", 2500, moment)
            pay(order.order_id, "card", "success", cents - 2500, moment + timedelta(seconds=40))
        else:
            pay(order.order_id, method, "success", cents, moment)
        refund_moment = moment + timedelta(days=rng.randint(2, 30), hours=rng.randint(0, 23))
        if order.status == "cancelled":
            refund(order.order_id, Decimal(cents) / 100, "order_cancelled", moment + timedelta(hours=rng.randint(1, 48)))
        elif order.status == "returned":
            refund(order.order_id, order.subtotal, rng.choice(REFUND_REASONS[:4]), refund_moment)
        elif order.status == "completed" and rng.random() < 0.012 and order.items:
            _, _, _, price = order.items[0]
            refund(order.order_id, price, "damaged", refund_moment)
    # Planted: webhook replays (exact duplicate payment rows), payments for orders that do not exist,
    # and a refund recorded twice.
    for index in (15, 230, 231, 640, 902, 1111, 1300, 1499):
        payments.append(list(payments[index]))
    for order_id, cents in ((1507, 4990), (1512, 12900), (1519, 2350)):
        pay(order_id, "card", "success", cents, datetime(2025, 6, 29, 12, 0) + timedelta(minutes=order_id % 50))
    for index in (5, 40):
        refunds.append(list(refunds[index]))
    return [pay_header] + payments, [refund_header] + refunds


def erasure_rows(customers: list[Customer]) -> list[list[str]]:
    header = ["request_id", "customer_id", "email", "requested_at", "request_channel"]
    by_id = {c.customer_id: c for c in customers}
    rows = [
        ["1", "27", "", "2024-09-02T08:14:00Z", "web_form"],
        ["2", "58", "", "2024-11-19T15:40:00Z", "web_form"],
        ["3", "", f"  {by_id[102].email.upper()} ", "2025-01-07T10:03:00Z", "email"],
        ["4", "143", "", "2025-02-11T09:30:00Z", "web_form"],
        ["5", "27", "", "2025-02-12T11:00:00Z", "support"],  # duplicate of request 1
        ["6", "199", "", "2025-03-03T13:22:00Z", "web_form"],
        ["7", "", f"{by_id[240].email.capitalize()}", "2025-04-15T07:45:00Z", "email"],  # two accounts
        ["8", "9999", "", "2025-05-02T16:05:00Z", "support"],  # no such customer
        ["9", "318", "", "2025-05-20T12:12:00Z", "web_form"],
        ["10", "", "nobody.here@example.com", "2025-06-01T10:00:00Z", "email"],  # no such e-mail
        ["11", "377", "", "2025-06-21T18:30:00Z", "web_form"],
    ]
    return [header] + rows


def web_event_rows(gen: Generator, customers: list[Customer], products: list[Product]) -> list[list[str]]:
    rng = gen.rng
    header = ["event_id", "session_id", "customer_id", "event_type", "product_id", "page_path", "ip_address",
              "occurred_at"]
    events: list[tuple[datetime, list[str]]] = []
    event_no = 0
    for session_no in range(1, N_SESSIONS + 1):
        started = gen.moment_between(PERIOD_START, PERIOD_END - timedelta(hours=2))
        customer = rng.choice(customers) if rng.random() < 0.6 else None
        ip = f"203.0.113.{rng.randint(1, 254)}" if rng.random() < 0.5 else f"198.51.100.{rng.randint(1, 254)}"
        moment = started
        for _ in range(rng.randint(1, 6)):
            event_no += 1
            moment += timedelta(seconds=rng.randint(5, 400))
            event_type = gen.weighted(EVENT_TYPES)
            product = rng.choice(products) if event_type in ("product_view", "add_to_cart") else None
            page = f"/products/{product.sku.strip().lower()}" if product else rng.choice(PAGES)
            events.append((moment, [
                f"ev_{event_no:06d}", f"s_{session_no:05d}",
                "" if customer is None else str(customer.customer_id), event_type,
                "" if product is None else str(product.product_id), page, ip, fmt_utc_z(moment),
            ]))
    events.sort(key=lambda pair: (pair[0], pair[1][0]))
    rows = [row for _, row in events]
    # Planted: client retries sent the same event twice.
    for index in range(0, len(rows), len(rows) // 15)[:15]:
        rows.append(list(rows[index]))
    return [header] + rows


DME_010_ERASED = frozenset({27, 58, 102, 143, 199, 240, 318, 366, 377})


def dme_010_edge_events(customers: list[Customer], seed: int = SEED) -> list[list[str]]:
    """DME-010's planted web events, appended after the shared stream, from a generator of their own
    (ids in a range of their own), so that no other row moves.

    - A logged-in session across the retention edge: one event a second before 2024-07-01 00:00 UTC
      (expired) and one exactly at it (kept): `>` instead of `>=`, or a cutoff a day early, fails.
    - A session of customer 366, erased only through the e-mail it shares with customer 240, inside
      the retention: erasing by the requests' customer ids alone leaves it in the web activity.
    """
    rng = random.Random(f"{seed}-dme_010")
    kept = [c for c in customers if c.customer_id not in DME_010_ERASED]
    by_id = {c.customer_id: c for c in customers}
    sessions = (
        (rng.choice(kept), ((datetime(2024, 6, 30, 23, 59, 59), "page_view"), (datetime(2024, 7, 1), "page_view"))),
        (by_id[366], ((datetime(2025, 3, 10, 9, 12, 5), "page_view"), (datetime(2025, 3, 10, 9, 14, 40), "checkout"))),
    )
    rows = []
    event_no = 910_000
    for session_no, (customer, events) in enumerate(sessions, start=91_001):
        ip = f"203.0.113.{rng.randint(1, 254)}"
        for moment, event_type in events:
            event_no += 1
            rows.append([
                f"ev_{event_no:06d}", f"s_{session_no:05d}", str(customer.customer_id), event_type, "",
                rng.choice(PAGES), ip, fmt_utc_z(moment),
            ])
    return rows


# DME-006's spend segments (high from 1,000.00 USD, medium from 300.00 USD): an opted-in customer brought
# to each side of each edge, in cents, by one more payment (the edge, and what rounding to whole dollars
# moves across it).
DME_006_SPEND_EDGES = (100_000, 99_999, 30_000, 29_999)
DME_006_FIRST_PAYMENT_ID = 990_001


def _float_sums(cents: list[int]) -> set[float]:
    """Every value a sum of these amounts in dollars (cents / 100 as floats) takes, in any order and
    grouping (a parallel aggregate adds partial sums); at most 8 amounts, else just the one order."""
    if len(cents) > 8:
        return {sum(amount / 100 for amount in cents)}
    memo: dict[frozenset[int], set[float]] = {}

    def sums(indices: frozenset[int]) -> set[float]:
        if len(indices) == 1:
            return {cents[next(iter(indices))] / 100}
        if indices not in memo:
            found: set[float] = set()
            items = sorted(indices)
            first, rest = items[0], items[1:]
            for mask in range(2 ** len(rest) - 1):
                left = frozenset([first] + [item for bit, item in enumerate(rest) if mask >> bit & 1])
                found |= {a + b for a in sums(left) for b in sums(indices - left)}
            memo[indices] = found
        return memo[indices]

    return sums(frozenset(range(len(cents))))


def dme_006_edge_payment_rows(
    payments_csv: list[list[str]], orders: list[Order], customers: list[Customer], seed: int = SEED
) -> list[list[str]]:
    """DME-006's planted payments, appended after the shared ones, from a generator of their own
    (new payment ids in a range of their own), so that no other row moves.

    - A webhook replay re-sent after midnight UTC the next day (same payment id and amount, a later
      timestamp): `select distinct` keeps both copies, keeping the latest copy moves the payment a day.
    - For each of DME_006_SPEND_EDGES, an opted-in customer whose settled payments reach exactly that
      many cents, by a second payment (same method) on an order already paid in several attempts:
      `>` instead of `>=`, or a segment on whole dollars, puts one of them in the wrong segment.
    """
    rng = random.Random(f"{seed}-dme_006")
    at = {name: index for index, name in enumerate(payments_csv[0])}
    known_orders = {order.order_id: order for order in orders}
    opted_in = {
        c.customer_id for c in customers if c.marketing_opt_in == "true" and c.customer_id not in DME_010_ERASED
    }
    settled: dict[str, list[str]] = {}
    attempts: dict[int, int] = {}
    for row in payments_csv[1:]:
        order_id = int(row[at["order_id"]])
        if row[at["payment_id"]] in settled or order_id not in known_orders:
            continue
        attempts[order_id] = attempts.get(order_id, 0) + 1
        if row[at["payment_status"]] == "success":
            settled[row[at["payment_id"]]] = row
    seen_ids: dict[str, int] = {}
    for row in payments_csv[1:]:
        seen_ids[row[at["payment_id"]]] = seen_ids.get(row[at["payment_id"]], 0) + 1
    spend: dict[int, int] = {}
    paid_orders: dict[int, list[list[str]]] = {}
    for row in settled.values():
        customer_id = known_orders[int(row[at["order_id"]])].customer_id
        if customer_id in opted_in:
            spend[customer_id] = spend.get(customer_id, 0) + int(row[at["amount_cents"]])
            paid_orders.setdefault(customer_id, []).append(row)

    rows = []
    # The late replay: a payment of an opted-in customer, not replayed already.
    candidates = sorted(
        (row for customer_id in sorted(paid_orders) for row in paid_orders[customer_id]
         if seen_ids[row[at["payment_id"]]] == 1),
        key=lambda row: int(row[at["payment_id"]]),
    )
    original = rng.choice(candidates)
    first_at = datetime.strptime(original[at["paid_at"]], "%Y-%m-%d %H:%M:%S")
    replay = list(original)
    replay[at["paid_at"]] = fmt_ts(datetime.combine(first_at.date() + timedelta(days=1), datetime.min.time())
                                   + timedelta(minutes=rng.randint(0, 9), seconds=rng.randint(1, 59)))
    rows.append(replay)

    # The spend edges: customers 1.00 to 200.00 USD short of each edge, one each. At an edge itself,
    # one whose dollars, summed as binary floating point in any order and grouping, never fall short
    # of it: `sum(amount / 100)` (true division on DuckDB) then gets the same verdict on every run,
    # whatever order a parallel aggregate adds them in (1,000.00 can come out as 999.9999999999999).
    used = {known_orders[int(original[at["order_id"]])].customer_id}
    payment_id = DME_006_FIRST_PAYMENT_ID
    for edge in DME_006_SPEND_EDGES:
        short = sorted(
            customer_id for customer_id, cents in spend.items()
            if 100 <= edge - cents <= 20_000 and customer_id not in used
            and any(attempts[int(row[at["order_id"]])] >= 2 for row in paid_orders[customer_id])
        )
        if not short:
            continue  # a variant may have none
        if edge % 100 == 0:
            short = [
                customer_id for customer_id in short
                if min(_float_sums([int(row[at["amount_cents"]]) for row in paid_orders[customer_id]]
                                   + [edge - spend[customer_id]])) >= edge / 100
            ] or short
        customer_id = rng.choice(short)
        used.add(customer_id)
        paid = max(
            (row for row in paid_orders[customer_id] if attempts[int(row[at["order_id"]])] >= 2),
            key=lambda row: int(row[at["payment_id"]]),
        )
        later = timedelta(days=rng.randint(1, 6), minutes=rng.randint(0, 600))
        moment = min(datetime.strptime(paid[at["paid_at"]], "%Y-%m-%d %H:%M:%S") + later, PERIOD_END - timedelta(hours=1))
        rows.append([str(payment_id), paid[at["order_id"]], paid[at["payment_method"]], "success",
                     str(edge - spend[customer_id]), fmt_ts(moment)])
        payment_id += 1
    return rows


def write_csv(out_dir: Path, name: str, rows: list[list[str]], quiet: bool = False) -> None:
    path = out_dir / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerows(rows)
    if not quiet:
        print(f"{path}: {len(rows) - 1} rows")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RAW_DIR, help="folder to write into (default: seeds/raw)")
    parser.add_argument("--seed", type=int, default=SEED,
                        help=f"the random seed (default: {SEED}, the shipped data; another one writes a data variant)")
    args = parser.parse_args(argv)
    write_all(args.out, args.seed)


def write_all(out_dir: Path, seed: int = SEED, quiet: bool = False) -> None:
    """Every raw table the generator owns, from one random seed, into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    gen = Generator(random.Random(seed))
    products = build_products(gen)
    customers = build_customers(gen)
    customer_csv, _ = customer_rows(gen, customers)
    orders = build_orders(gen, customers, products)
    orders_csv = order_rows(gen, orders)
    orders_csv += dme_002_channel_change_rows(orders_csv)
    orders_csv = dme_008_trading_day_edges(orders_csv, seed)
    orders_csv = dme_009_oslo_clock_edges(orders_csv, seed)
    payments_csv, refunds_csv = payment_and_refund_rows(gen, orders)
    payments_csv += dme_006_edge_payment_rows(payments_csv, orders, customers, seed)
    write_csv(out_dir, "raw_product_categories", build_categories(), quiet)
    write_csv(out_dir, "raw_products", product_rows(products), quiet)
    write_csv(out_dir, "raw_customers", customer_csv, quiet)
    write_csv(out_dir, "raw_orders", orders_csv, quiet)
    write_csv(out_dir, "raw_order_items", order_item_rows(orders), quiet)
    write_csv(out_dir, "raw_payments", payments_csv, quiet)
    write_csv(out_dir, "raw_refunds", refunds_csv, quiet)
    write_csv(out_dir, "raw_web_events", web_event_rows(gen, customers, products) + dme_010_edge_events(customers, seed), quiet)
    write_csv(out_dir, "raw_erasure_requests", erasure_rows(customers), quiet)


if __name__ == "__main__":
    main()

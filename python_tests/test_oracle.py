"""The oracle: the committed known answers are what it computes, and its rules hold on tiny inputs.

The unit tests build a tiny shop by hand (a few CSV rows per raw table) and
compare the oracle's answers with numbers worked out by hand in the comments,
never with the oracle's or the SQL's output.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from oracle.answers import platform
from oracle.cli import check, main
from oracle.raw import RawTables
from oracle.registry import Column, ExpectedSeed, discover_answers
from oracle.shop import Shop
from oracle.snapshots import Version, replay_timestamp_snapshot
from oracle.values import MONEY, TEXT, TIMESTAMP, format_value, parse_timestamp_utc

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


# --------------------------------------------------------------------------- the committed answers


def test_committed_expected_seeds_equal_what_the_oracle_computes_now():
    problems = check(SEEDS)
    assert problems == [], "\n".join(problems)


def test_every_mart_has_a_known_answer():
    names = {answer.__name__ for answer in discover_answers()}
    for mart in ("orders", "customers", "products", "daily_revenue", "category_revenue"):
        assert f"expected_{mart}" in names
        assert (SEEDS / "expected" / f"expected_{mart}.csv").exists()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS / "raw", target / "raw")
    shutil.copytree(SEEDS / "expected", target / "expected")
    return target


def run_oracle(*argv: str) -> tuple[int, str]:
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = main(list(argv))
    return code, buffer.getvalue()


def test_check_names_the_file_and_the_rows_that_differ(seeds_copy: Path):
    path = seeds_copy / "expected" / "expected_daily_revenue.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    original = lines[1]
    cells = original.split(",")
    cells[-1] = str(Decimal(cells[-1]) + Decimal("0.01"))  # net revenue one cent off
    tampered = ",".join(cells)
    lines[1] = tampered
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, output = run_oracle("--check", "--seeds-dir", str(seeds_copy))

    assert code == 1
    assert "expected_daily_revenue.csv: differs" in output
    assert f"- {tampered}" in output
    assert f"+ {original}" in output
    assert "expected_orders.csv" not in output


def test_check_reports_missing_and_orphaned_seeds_and_a_rewrite_fixes_them(seeds_copy: Path):
    (seeds_copy / "expected" / "expected_products.csv").unlink()
    (seeds_copy / "expected" / "expected_hand_written.csv").write_text("a\n1\n", encoding="utf-8")

    code, output = run_oracle("--check", "--seeds-dir", str(seeds_copy))
    assert code == 1
    assert "expected_products.csv: missing" in output
    assert "expected_hand_written.csv: committed, but no answer" in output

    assert run_oracle("--seeds-dir", str(seeds_copy))[0] == 0
    assert run_oracle("--check", "--seeds-dir", str(seeds_copy)) == (0, "seeds/expected/ matches the oracle.\n")
    assert not (seeds_copy / "expected" / "expected_hand_written.csv").exists()


# --------------------------------------------------------------------------- a tiny shop, by hand

TINY = {
    "raw_customers": [
        ["customer_id", "first_name", "last_name", "email", "phone", "street_address", "city", "postal_code",
         "country_code", "tier", "marketing_opt_in", "signed_up_at", "updated_at"],
        ["1", "Åsa", "Berg", " Asa.Berg@Example.com ", "", "Storgata 1", "Oslo", "0150", "no", "bronze", "true",
         "2024-01-10 10:00:00", "2024-01-10 10:00:00"],
        # a newer version of customer 1: the tier changed (written in upper case with a space)
        ["1", "Åsa", "Berg", "asa.berg@example.com", "", "Storgata 1", "Oslo", "0150", "NO", " GOLD", "true",
         "2024-01-10 10:00:00", "2024-05-01 09:00:00"],
        ["2", "Ola", "Dahl", "ola@example.com", "+47 1", "Kirkegata 2", "Bergen", "5003", "NO", "silver", "false",
         "2024-02-01 08:00:00", "2024-02-01 08:00:00"],
        # customer 3 is the same person as 2 (same e-mail in another case)
        ["3", "Ola", "Dahl", "OLA@example.com", "", "Kirkegata 2", "Bergen", "5003", "NO", "bronze", "false",
         "2024-03-01 08:00:00", "2024-03-01 08:00:00"],
        ["4", "Kari", "Lie", "kari@example.com", "", "Parkveien 3", "Halden", "1767", "NO", "bronze", "true",
         "2024-01-05 12:00:00", "2024-01-05 12:00:00"],
        ["4", "Kari", "Lie", "kari@example.com", "", "Parkveien 3", "Halden", "1767", "NO", "bronze", "true",
         "2024-01-05 12:00:00", "2024-01-05 12:00:00"],
    ],
    "raw_erasure_requests": [
        ["request_id", "customer_id", "email", "requested_at", "request_channel"],
        ["1", "", " Ola@Example.com", "2024-07-01T10:00:00Z", "email"],  # erases customers 2 and 3
        ["2", "99", "", "2024-07-02T10:00:00Z", "support"],  # no such customer
    ],
    "raw_product_categories": [
        ["category_id", "category_name", "department_name", "is_active", "created_at"],
        ["1", "Kitchen", "Home", "true", "2022-03-01 09:00:00"],
    ],
    "raw_products": [
        ["product_id", "sku", "product_name", "category_id", "price_usd", "is_active", "created_at"],
        ["10", " hg-00010 ", "Birch Board", "1", "-20.00", "true", "2023-01-01 00:00:00"],
        ["11", "HG-00011", "Pine Mug", "", "5.00", "true", "2023-01-01 00:00:00"],
    ],
    "raw_orders": [
        ["order_id", "customer_id", "ordered_at", "status", "sales_channel", "shipping_usd", "loaded_at"],
        # 01:30 in Oslo summer time is 23:30 UTC the day before
        ["100", "1", "2024-06-01T01:30:00+02:00", "placed", "web", "4.90", "2024-05-31 23:40:00"],
        ["100", "1", "2024-06-01T01:30:00+02:00", " Shipped ", "web", "4.90", "2024-06-02 08:00:00"],
        ["101", "2", "2024-05-31 22:00:00", "completed", "app", "0.00", "2024-05-31 22:05:00"],
        ["102", "", "2024-05-31T10:00:00Z", "complete", "web", "0.00", "2024-05-31 10:10:00"],
        ["103", "4", "2024-06-03T12:00:00Z", "cancelled", "web", "0.00", "2024-06-03 12:01:00"],
        ["104", "7", "2024-06-03T13:00:00Z", "completed", "store", "0.00", "2024-06-03 13:01:00"],
    ],
    "raw_order_items": [
        ["order_item_id", "order_id", "product_id", "quantity", "unit_price_usd"],
        ["1", "100", "10", "2", "20.00"],
        ["2", "100", "11", "1", "5.00"],
        ["2", "100", "11", "1", "5.00"],
        ["3", "101", "10", "1", "16.00"],
        ["4", "102", "11", "3", "5.00"],
        ["5", "103", "10", "1", "20.00"],
        ["6", "104", "11", "0", "5.00"],
        ["7", "104", "10", "1", "20.00"],
    ],
    "raw_payments": [
        ["payment_id", "order_id", "payment_method", "payment_status", "amount_cents", "paid_at"],
        ["1", "100", "card", "failed", "4990", "2024-05-31 23:31:00"],
        ["2", "100", "card", "success", "2500", "2024-05-31 23:32:00"],
        ["3", "100", "gift_card", "success", "2490", "2024-05-31 23:32:00"],
        ["3", "100", "gift_card", "success", "2490", "2024-05-31 23:32:00"],
        ["4", "101", "card", "success", "1600", "2024-05-31 22:01:00"],
        ["5", "999", "card", "success", "100", "2024-06-01 00:00:00"],
        ["6", "104", "paypal", "success", "2000", "2024-06-03 13:02:00"],
    ],
    "raw_refunds": [
        ["refund_id", "order_id", "amount_usd", "reason", "refunded_at"],
        ["1", "101", "16.00", "damaged", "2024-06-10T10:00:00Z"],
        ["1", "101", "16.00", "damaged", "2024-06-10T10:00:00Z"],
        ["2", "100", "5.00", "changed_mind", "2024-06-15T10:00:00Z"],
    ],
}


@pytest.fixture
def tiny_shop(tmp_path: Path) -> Shop:
    raw = tmp_path / "seeds" / "raw"
    raw.mkdir(parents=True)
    for name, rows in TINY.items():
        with (raw / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return Shop(RawTables(tmp_path / "seeds"))


def by_key(seed: ExpectedSeed) -> dict:
    names = seed.header
    return {row[0]: dict(zip(names, row)) for row in seed.rows}


def test_orders_keep_the_latest_load_in_utc_with_payments_and_refunds_counted_once(tiny_shop: Shop):
    orders = by_key(platform.expected_orders(tiny_shop))
    assert sorted(orders) == [100, 101, 102, 103, 104]

    first = orders[100]
    assert first["order_status"] == "shipped"  # the later load wins, cleaned
    assert first["ordered_at_utc"] == datetime(2024, 5, 31, 23, 30)
    assert first["order_date"] == date(2024, 5, 31)
    assert (first["customer_id"], first["customer_type"]) == (1, "registered")
    assert (first["line_count"], first["unit_count"]) == (2, 3)  # line 2 counted once
    assert first["items_subtotal_usd"] == Decimal("45.00")  # 2 x 20.00 + 5.00
    assert first["order_total_usd"] == Decimal("49.90")  # + 4.90 shipping
    assert first["paid_usd"] == Decimal("49.90")  # 25.00 + 24.90; the failure and the replay do not count
    assert first["refunded_usd"] == Decimal("5.00")
    assert first["net_revenue_usd"] == Decimal("44.90")

    erased = orders[101]
    assert (erased["customer_id"], erased["customer_type"]) == (None, "erased")
    assert erased["refunded_usd"] == Decimal("16.00")  # the refund recorded twice counts once
    assert erased["net_revenue_usd"] == Decimal("0.00")

    assert (orders[102]["order_status"], orders[102]["is_revenue_order"]) == ("unknown", False)
    assert orders[102]["customer_type"] == "guest"
    assert orders[103]["is_revenue_order"] is False  # cancelled
    assert (orders[104]["customer_id"], orders[104]["customer_type"]) == (None, "unknown")
    assert (orders[104]["line_count"], orders[104]["items_subtotal_usd"]) == (1, Decimal("20.00"))  # 0-quantity line out


def test_customers_are_latest_versions_without_the_erased_and_with_their_value(tiny_shop: Shop):
    customers = by_key(platform.expected_customers(tiny_shop))
    assert sorted(customers) == [1, 4]  # 2 and 3 share the erased e-mail

    asa = customers[1]
    assert (asa["tier"], asa["country_code"]) == ("gold", "NO")
    assert asa["tier_updated_at_utc"] == datetime(2024, 5, 1, 9, 0)
    assert (asa["order_count"], asa["lifetime_value_usd"]) == (1, Decimal("44.90"))
    assert asa["first_order_at_utc"] == asa["last_order_at_utc"] == datetime(2024, 5, 31, 23, 30)

    kari = customers[4]  # exported twice, one cancelled order
    assert (kari["order_count"], kari["lifetime_value_usd"], kari["first_order_at_utc"]) == (0, Decimal("0.00"), None)


def test_daily_revenue_counts_revenue_orders_on_their_utc_date(tiny_shop: Shop):
    days = by_key(platform.expected_daily_revenue(tiny_shop))
    # 31 May: orders 100 and 101 (order 100 was placed on 1 June in Oslo); 102 unknown, 103 cancelled.
    assert days[date(2024, 5, 31)] == {
        "revenue_date": date(2024, 5, 31), "order_count": 2,
        "items_revenue_usd": Decimal("61.00"), "shipping_revenue_usd": Decimal("4.90"),
        "gross_revenue_usd": Decimal("65.90"), "refunded_usd": Decimal("21.00"),
        "net_revenue_usd": Decimal("44.90"),
    }
    assert days[date(2024, 6, 3)]["net_revenue_usd"] == Decimal("20.00")
    assert sorted(days) == [date(2024, 5, 31), date(2024, 6, 3)]


def test_category_revenue_splits_item_revenue_and_keeps_uncategorised_lines(tiny_shop: Shop):
    seed = platform.expected_category_revenue(tiny_shop)
    rows = sorted(seed.rows, key=lambda row: (row[2], row[1]))
    assert rows == [
        (1, "Kitchen", date(2024, 5, 1), 2, 3, Decimal("56.00")),  # 40.00 + 16.00
        (None, "Uncategorised", date(2024, 5, 1), 1, 1, Decimal("5.00")),
        (1, "Kitchen", date(2024, 6, 1), 1, 1, Decimal("20.00")),
    ]
    # the parts add up to the daily item revenue: 61.00 + 20.00
    assert sum(row[5] for row in rows) == Decimal("81.00")


def test_products_drop_negative_list_prices_and_sum_revenue_lines(tiny_shop: Shop):
    products = by_key(platform.expected_products(tiny_shop))
    assert products[10]["sku"] == "HG-00010"
    assert products[10]["list_price_usd"] is None  # -20.00 is not a price
    assert (products[10]["units_sold"], products[10]["item_revenue_usd"]) == (4, Decimal("76.00"))
    assert (products[11]["category_name"], products[11]["list_price_usd"]) == (None, Decimal("5.00"))
    assert (products[11]["units_sold"], products[11]["item_revenue_usd"]) == (1, Decimal("5.00"))


def test_timestamp_snapshot_replay_sees_only_the_state_at_each_run():
    t1, t2, t3, t4 = (datetime(2024, month, 1) for month in (1, 2, 3, 4))
    versions = [
        Version("A", t1, ("bronze",)), Version("A", t3, ("gold",)), Version("A", t4, ("platinum",)),
        Version("B", t2, ("silver",)),
    ]
    rows = replay_timestamp_snapshot(versions, [t2, None, None])
    # run 1 sees A bronze and B silver; run 2 sees A platinum (gold was never current at a run);
    # run 3 changes nothing
    assert sorted((row.key, row.payload[0], row.valid_from, row.valid_to) for row in rows) == [
        ("A", "bronze", t1, t4),
        ("A", "platinum", t4, None),
        ("B", "silver", t2, None),
    ]


def test_timestamps_are_read_in_utc_whatever_zone_they_carry():
    assert parse_timestamp_utc("2024-01-15T10:00:00+01:00") == datetime(2024, 1, 15, 9, 0)
    assert parse_timestamp_utc("2024-01-15T10:00:00Z") == datetime(2024, 1, 15, 10, 0)
    assert parse_timestamp_utc("2024-01-15 10:00:00") == datetime(2024, 1, 15, 10, 0)


def test_values_are_formatted_as_seeds_load_them_and_wrong_types_are_refused():
    assert format_value(Decimal(5), MONEY) == "5.00"
    assert format_value(None, MONEY) == ""
    assert format_value(datetime(2024, 5, 31, 23, 30), TIMESTAMP) == "2024-05-31 23:30:00"
    with pytest.raises(TypeError):
        format_value(5.0, MONEY)  # a float would hide rounding
    with pytest.raises(ValueError):
        format_value("", TEXT)  # would load as NULL


def test_expected_seed_rows_are_sorted_numerically_with_nulls_first():
    seed = ExpectedSeed(
        name="expected_x", description="", columns=(Column("id", "integer"), Column("name", TEXT)),
        rows=((10, "b"), (9, "a"), (None, "c")),
    )
    assert seed.csv_rows() == [["", "c"], ["9", "a"], ["10", "b"]]


def test_the_raw_seeds_are_what_the_generator_writes(tmp_path: Path):
    """The oracle's input is reproducible: seeds/generate_raw_seeds.py rewrites the committed raw CSVs byte for byte."""
    subprocess.run([sys.executable, str(SEEDS / "generate_raw_seeds.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    written = sorted(path.name for path in tmp_path.glob("*.csv"))
    assert len(written) == 9
    differing = [name for name in written if (tmp_path / name).read_bytes() != (SEEDS / "raw" / name).read_bytes()]
    assert differing == [], f"rerun `python seeds/generate_raw_seeds.py` (then `python -m oracle`): {differing}"

"""Hidden data variants (etudes/variants.py): whole alternate sets of raw seeds, each etude's defects
placed anew inside the rule its brief states, with known answers from the oracle.

What dbt does with them is proven elsewhere, where it costs nothing extra: `etudes verify` (test_etudes_real)
runs every solution on every variant, and the fixes marked `on_variant` (test_etude_fixes) pass the
shipped data and fail on a variant that the report names. Here: the variants themselves, without dbt.
"""

from __future__ import annotations

import csv
import filecmp
import json
import subprocess
import sys
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from etudes_support import REPO, run_cli

from etudes.results import CheckResult, EtudeReport
from etudes.variants import (
    DELIVERY_PROMISE,
    GENERATOR,
    SHIPPED_TRADING_DAY,
    VARIANTS,
    Variant,
    ensure_variant,
    mirror_project,
    parse_utc,
    read_table,
    variant_numbers,
)
from etudes.workspace import _SCRATCH_IGNORE


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Variant]:
    cache = tmp_path_factory.mktemp("variants")
    return {number: ensure_variant(REPO, number, cache) for number in VARIANTS}


def test_the_shipped_seeds_are_the_generators_default_output(tmp_path: Path) -> None:
    """The seed argument leaves the shipped bytes alone."""
    subprocess.run([sys.executable, GENERATOR, "--out", str(tmp_path)], cwd=REPO, check=True, capture_output=True)
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written and all(filecmp.cmp(tmp_path / name, REPO / "seeds" / "raw" / name, shallow=False) for name in written)


def test_variants_are_whole_seed_sets_with_their_own_known_answers(variants: dict[int, Variant]) -> None:
    assert variant_numbers(REPO) == VARIANTS and len(VARIANTS) >= 2
    shipped = {path.name for path in (REPO / "seeds" / "raw").iterdir()}
    expected = {path.name for path in (REPO / "seeds" / "expected").iterdir()}
    for number, variant in variants.items():
        files = variant.seed_files()
        assert {Path(p).name for p in files if p.startswith("seeds/raw/")} == shipped, number
        assert {Path(p).name for p in files if p.startswith("seeds/expected/")} == expected, number
        different = [name for name in expected if name.endswith(".csv")
                     and (variant.folder / "expected" / name).read_bytes() != (REPO / "seeds" / "expected" / name).read_bytes()]
        assert len(different) > len(expected) // 2, f"variant {number} changes few known answers: {different}"
    first, second = (variants[n].folder / "raw" / "raw_orders.csv" for n in VARIANTS[:2])
    assert first.read_bytes() != second.read_bytes()


def test_a_variant_is_written_the_same_every_time(variants: dict[int, Variant], tmp_path: Path) -> None:
    again = ensure_variant(REPO, VARIANTS[0], tmp_path)
    assert again.folder.name == variants[VARIANTS[0]].folder.name  # named by the hash of its inputs
    for relative, path in variants[VARIANTS[0]].seed_files().items():
        assert path.read_bytes() == again.seed_files()[relative].read_bytes(), relative


def test_dme_007_late_events_lie_anywhere_inside_the_72_hour_promise(variants: dict[int, Variant]) -> None:
    """Every copy lands within 72 hours; in each later delivery one late event lies more than 66
    hours behind the newest event of the deliveries before it, in the shipped data (whose edge rows
    sit just inside the promise, beyond 71 hours) and placed anew in every variant."""
    depths = {}
    for number, variant in [(0, None), *variants.items()]:
        folder = REPO / "seeds" / "raw" if variant is None else variant.folder / "raw"
        _, rows = read_table(folder / "raw_web_event_deliveries.csv")
        assert all(parse_utc(r["received_at"]) - parse_utc(r["occurred_at"]) <= DELIVERY_PROMISE for r in rows), number
        first: dict[str, dict[str, str]] = {}
        for row in rows:
            known = first.get(row["event_id"])
            if known is None or int(row["delivery_id"]) < int(known["delivery_id"]):
                first[row["event_id"]] = row
        for delivery in (2, 3):
            newest = max(parse_utc(r["occurred_at"]) for r in rows if int(r["delivery_id"]) < delivery)
            depths[number, delivery] = max(
                newest - parse_utc(r["occurred_at"]) for r in first.values() if int(r["delivery_id"]) == delivery
            )
    assert max(depths[0, d] for d in (2, 3)) > timedelta(hours=71), depths
    assert all(depths[n, d] > timedelta(hours=66) for n in variants for d in (2, 3)), depths
    assert all(depths[n, d] != depths[0, d] for n in variants for d in (2, 3)), depths


def test_dme_008_trades_another_day_with_an_order_at_midnight(variants: dict[int, Variant]) -> None:
    days = set()
    for number, variant in variants.items():
        day = variant.vars["dme_008_trading_day"]
        assert day != SHIPPED_TRADING_DAY.isoformat(), number
        params = json.loads((variant.folder / "variant.json").read_text())
        assert params == {"number": number, "vars": variant.vars}
        with (variant.folder / "expected" / "expected_dme_008__trading_day_report.csv").open() as handle:
            assert {row["trading_day"] for row in csv.DictReader(handle)} == {day}, number
        _, orders = read_table(variant.folder / "raw" / "raw_orders.csv")
        assert any(row["ordered_at"] == f"{day}T00:00:00Z" for row in orders), number
        days.add(day)
    assert len(days) == len(variants)


def test_a_variant_copy_of_a_project_holds_the_variants_seeds_and_follows_the_project(
    variants: dict[int, Variant], tmp_path: Path
) -> None:
    source = tmp_path / "source"
    (source / "models").mkdir(parents=True)
    (source / "seeds" / "raw").mkdir(parents=True)
    (source / "models" / "a.sql").write_text("select 1\n")
    (source / "seeds" / "raw" / "raw_orders.csv").write_text("learner,edit\n")
    (source / "target").mkdir()
    (source / "target" / "manifest.json").write_text("{}")
    variant, copy = variants[VARIANTS[0]], tmp_path / "copy"
    mirror_project(source, copy, variant, _SCRATCH_IGNORE)
    assert (copy / "models" / "a.sql").read_text() == "select 1\n" and not (copy / "target").exists()
    orders = variant.folder / "raw" / "raw_orders.csv"
    assert (copy / "seeds" / "raw" / "raw_orders.csv").read_bytes() == orders.read_bytes()
    (source / "models" / "a.sql").unlink()
    (source / "models" / "b.sql").write_text("select 2\n")
    mirror_project(source, copy, variant, _SCRATCH_IGNORE)
    assert not (copy / "models" / "a.sql").exists() and (copy / "models" / "b.sql").is_file()


def test_a_project_without_the_generator_has_no_variants() -> None:
    assert variant_numbers(REPO / "python_tests" / "fixtures" / "etude_project") == ()


def test_a_failure_on_a_variant_says_so_with_expected_actual_and_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """`etudes check`'s output for an etude that passes the shipped data and fails variant 2."""
    from etudes import engine
    from etudes.warehouse import Rows

    failing = CheckResult(
        "trading_day_report_matches_known_answers", False, "no failing rows", "2 failing rows",
        Rows(("diff_kind", "trading_day"), (("missing", "2025-05-22"), ("unexpected", "2024-07-15")), 2),
    )  # fmt: skip
    report = EtudeReport("DME-008", "duckdb", (failing,), variant=2).as_variant_failure(3.0)

    def fake_check(project, etude_text, target, environ=None, on_progress=None, variants=True):
        assert variants
        return project.catalog().get(etude_text), report

    monkeypatch.setattr(engine, "check", fake_check)
    run = run_cli("check", "DME-008", "--project-dir", str(REPO))
    assert run.code == 1, run.output
    assert "passes on the shipped data, fails on variant 2" in run.output, run.output
    assert "1 of 1 checks fail on hidden data variant 2" in run.output, run.output
    assert "2025-05-22" in run.output and "no failing rows" in run.output and "2 failing rows" in run.output


def test_dme_005_a_broken_delivery_is_just_over_the_limit_and_a_good_one_of_another_size(
    variants: dict[int, Variant],
) -> None:
    """The contract allows at most 5 % of orders without a customer: the refused delivery lies just
    over it (the shipped one: 42 %), and in one variant a good delivery lies exactly on it."""
    shares = {}
    for number, variant in variants.items():
        _, rows = read_table(variant.folder / "raw" / "raw_marketplace_order_feed.csv")
        batches: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            batches.setdefault(row["batch_number"], []).append(row)
        shares[number] = {b: Fraction(sum(not r["customer_id"] for r in rs), len(rs)) for b, rs in batches.items()}
        assert Fraction(5, 100) < shares[number]["2"] <= Fraction(7, 100), shares
        assert shares[number]["1"] <= Fraction(5, 100) and shares[number]["3"] <= Fraction(5, 100), shares
        assert len(batches["1"]) != 150, number
    assert Fraction(5, 100) in {share["1"] for share in shares.values()}, shares


def test_dme_003_version_changes_move_and_some_orders_fall_exactly_on_one(variants: dict[int, Variant]) -> None:
    for number, variant in variants.items():
        raw = variant.folder / "raw"
        _, versions = read_table(raw / "raw_product_versions.csv")
        changes = {(r["product_id"], r["valid_from"]) for r in versions if r["version_number"] != "1"}
        assert not any(moment.endswith("00:00:00") for _, moment in changes), number  # shipped: all at midnight
        _, orders = read_table(raw / "raw_orders.csv")
        ordered_at = {r["order_id"]: parse_utc(r["ordered_at"]).strftime("%Y-%m-%d %H:%M:%S") for r in orders}
        _, items = read_table(raw / "raw_order_items.csv")
        on_a_change = {(i["product_id"], ordered_at[i["order_id"]]) for i in items} & changes
        assert on_a_change, f"variant {number}: no order lies exactly on a version change"

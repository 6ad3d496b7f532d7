"""Hidden data variants: whole alternate sets of raw seeds, each etude's defects placed anew.

A fix tuned to the one data set shipped (a lookback sized from the sample, a hard-coded trading
day) passes the shipped seeds. Every `etudes check` therefore also judges the etude on VARIANTS:
the generator's tables from another random seed, and each etude's own tables transformed by the
rule its brief states, deterministically per variant number. The oracle computes each variant's
known answers (plain Python over the variant's CSVs; no SQL under test is involved).

A variant covers every etude at once, so it is written, seeded and reused once per engine; its
folder is named by a content hash of its inputs, so a cache never serves stale data.

    variant folder: raw/*.csv, raw/_raw__seeds.yml, expected/*.csv, expected/_expected__seeds.yml,
                    variant.json ({"number": n, "vars": {...}: the dbt vars its etudes run with})
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import shutil
import subprocess
import sys
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Any

from etudes.errors import EtudesError

VARIANTS = (1, 2)
VARIANT_FILE = "variant.json"  # oracle/raw.py reads it
GENERATOR = "seeds/generate_raw_seeds.py"
# Every input a variant is computed from: if one changes, the variant's hash (its folder) changes.
INPUTS = ("seeds/raw", GENERATOR, "oracle", "etudes/variants.py")
# The seed the generator ships with is 20250630; a variant's is this plus its number.
SEED_BASE = 20250630
RAW = "raw"
EXPECTED = "expected"

Table = list[dict[str, str]]


class VariantError(EtudesError):
    """A data variant could not be written (its generator or oracle failed)."""


@dataclass(frozen=True)
class Variant:
    """One variant's seeds on disk."""

    number: int
    folder: Path
    vars: dict[str, Any]

    @property
    def digest(self) -> str:
        return self.folder.name.rsplit("_", 1)[-1]

    def seed_files(self) -> dict[str, Path]:
        """The variant's seed files by repo-relative path (seeds/raw/..., seeds/expected/...)."""
        files = {}
        for sub in (RAW, EXPECTED):
            for path in sorted((self.folder / sub).iterdir()):
                files[f"seeds/{sub}/{path.name}"] = path
        return files


def inputs_digest(project_root: Path) -> str:
    """A hash of everything a variant is computed from (the shipped raw seeds, generator, oracle)."""
    digest = hashlib.sha256()
    for name in INPUTS:
        base = project_root / name
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(project_root).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def variant_numbers(project_root: Path) -> tuple[int, ...]:
    """The variants a project can judge on: none without the generator and the oracle that write them."""
    if (project_root / GENERATOR).is_file() and (project_root / "oracle" / "__main__.py").is_file():
        return VARIANTS
    return ()


def ensure_variant(project_root: Path, number: int, cache: Path) -> Variant:
    """Variant ``number`` of the project's data under ``cache``, written unless already there."""
    folder = cache / f"variant_{number}_{inputs_digest(project_root)}"
    done = folder / VARIANT_FILE
    if not done.is_file():
        # Written aside and renamed into place: two sessions (test workers) may write it at once.
        partial = folder.with_name(f"{folder.name}.{uuid.uuid4().hex[:8]}.partial")
        try:
            write_variant(project_root, number, partial)
            if folder.exists() and not done.is_file():
                shutil.rmtree(folder, ignore_errors=True)
            try:
                partial.rename(folder)
            except OSError:  # another session put it in place first
                if not done.is_file():
                    raise
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        for stale in cache.glob(f"variant_{number}_*"):  # written from inputs that have changed since
            if stale.name != folder.name and not stale.name.endswith(".partial"):
                shutil.rmtree(stale, ignore_errors=True)
    params = json.loads(done.read_text(encoding="utf-8"))
    return Variant(number, folder, dict(params.get("vars", {})))


def write_variant(project_root: Path, number: int, folder: Path) -> None:
    raw = folder / RAW
    raw.mkdir(parents=True)
    _run([sys.executable, GENERATOR, "--out", str(raw), "--seed", str(SEED_BASE + number)], project_root, "generator")
    shipped_raw = project_root / "seeds" / RAW
    for path in sorted(shipped_raw.iterdir()):
        if path.is_file() and not (raw / path.name).exists():
            shutil.copyfile(path, raw / path.name)
    variables: dict[str, Any] = {}
    for transform in TRANSFORMS:
        variables.update(transform(raw, number) or {})
    (folder / EXPECTED).mkdir()
    # The oracle reads variant.json (its vars) and writes expected/; the file last marks a complete folder.
    params = json.dumps({"number": number, "vars": variables}, indent=1, sort_keys=True) + "\n"
    (folder / VARIANT_FILE).write_text(params, encoding="utf-8")
    _run([sys.executable, "-m", "oracle", "--seeds-dir", str(folder)], project_root, "oracle")


def _run(command: list[str], cwd: Path, what: str) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise VariantError(f"the {what} failed while writing a data variant: {last[:300]}")


# --- reading and writing the raw CSVs ---------------------------------------------------------


def read_table(path: Path) -> tuple[list[str], Table]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


def write_table(path: Path, header: list[str], rows: Table) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def etude_random(etude_key: str, number: int) -> random.Random:
    """The random choices of one etude's transformation in one variant: the same on every run."""
    return random.Random(f"{etude_key}:{number}")


def group_by(rows: Table, column: str) -> dict[str, list[dict[str, str]]]:
    """Rows by their value in ``column``, in file order."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        groups[row[column]].append(row)
    return groups


def parse_utc(text: str) -> datetime:
    """A raw timestamp as naive UTC: 'Z', an offset, or no zone (UTC by the shop's convention)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def _utc_z(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- the etudes' own tables, transformed by their briefs' rules -------------------------------

LATE = timedelta(hours=1)  # an event first delivered more than an hour after it occurred is late
DELIVERY_PROMISE = timedelta(hours=72)  # DME-007: every copy lands within 72 hours of its event


def late_web_events(raw: Path, number: int) -> None:
    """DME-007: every late event (first delivered after delivery 1, more than an hour after it
    occurred) gets another lateness inside the collector's 72-hour promise; in each delivery, one
    of them lands within ten minutes of the promise (what a lookback sized from the sample misses)."""
    path = raw / "raw_web_event_deliveries.csv"
    if not path.is_file():  # a project without this etude
        return
    rng, (header, rows) = etude_random("dme_007", number), read_table(path)
    copies = group_by(rows, "event_id")
    late_by_delivery: dict[int, list[str]] = defaultdict(list)
    for event_id, group in copies.items():
        first = min(group, key=lambda r: (int(r["delivery_id"]), r["received_at"]))
        if int(first["delivery_id"]) >= 2 and parse_utc(first["received_at"]) - parse_utc(first["occurred_at"]) > LATE:
            late_by_delivery[int(first["delivery_id"])].append(event_id)
    for delivery, event_ids in sorted(late_by_delivery.items()):
        # One event per delivery lies as far behind the previous delivery as the promise allows.
        deepest = min(event_ids, key=lambda e: (len(copies[e]), max(parse_utc(r["received_at"]) for r in copies[e]), e))
        opened = min(parse_utc(r["received_at"]) for r in rows if int(r["delivery_id"]) == delivery)
        if len(copies[deepest]) == 1:
            # Its one copy arrives early in the delivery: as far behind the previous one as the promise allows.
            copies[deepest][0]["received_at"] = _utc_z(opened + timedelta(seconds=rng.randint(60, 1800)))
        for event_id in sorted(event_ids):
            received = [parse_utc(r["received_at"]) for r in copies[event_id]]
            spread = max(received) - min(received)
            lowest, highest = spread + LATE + timedelta(seconds=1), DELIVERY_PROMISE - timedelta(seconds=1)
            if lowest >= highest:
                continue
            if event_id == deepest:
                lateness = DELIVERY_PROMISE - timedelta(seconds=rng.randint(60, 600))
            else:
                lateness = timedelta(seconds=rng.uniform(lowest.total_seconds(), highest.total_seconds()))
            occurred = _utc_z(max(received) - max(lowest, lateness))
            for row in copies[event_id]:
                row["occurred_at"] = occurred
    write_table(path, header, rows)


SHIPPED_TRADING_DAY = date(2024, 7, 15)
FIRST_DAY, LAST_DAY = date(2024, 2, 1), date(2025, 5, 31)


def trading_day(raw: Path, number: int) -> dict[str, Any]:
    """DME-008: another trading day, its first order placed at exactly 00:00:00 UTC and an order of
    the next day at exactly the next midnight (the half-open day's two edges: the first counts, the
    second must not), given to the etude as its var."""
    path = raw / "raw_orders.csv"
    header, rows = read_table(path)
    by_order = group_by(rows, "order_id")
    by_day: dict[date, list[tuple[datetime, str]]] = defaultdict(list)
    for order_id, group in by_order.items():
        # Only orders exported in UTC ('Z') in every load: moving them keeps their shape.
        if all(r["ordered_at"].endswith("Z") for r in group) and len({r["ordered_at"] for r in group}) == 1:
            moment = parse_utc(group[0]["ordered_at"])
            by_day[moment.date()].append((moment, order_id))
    per_day: dict[date, list[datetime]] = defaultdict(list)
    for group in by_order.values():
        moment = parse_utc(group[0]["ordered_at"])
        per_day[moment.date()].append(moment)
    # A day of several orders whose first order can move to midnight (not the shipped day).
    candidates = sorted(
        day for day, orders in by_day.items()
        if day != SHIPPED_TRADING_DAY and len(per_day[day]) >= 3 and FIRST_DAY <= day <= LAST_DAY
        and min(orders)[0] == min(per_day[day]) and by_day.get(day + timedelta(days=1))
    )  # fmt: skip
    if not candidates:
        raise VariantError("no day in the variant's orders can be DME-008's trading day")
    day = etude_random("dme_008", number).choice(candidates)
    _, first = min(by_day[day])
    _, next_first = min(by_day[day + timedelta(days=1)])
    for order_id, moment in ((first, day), (next_first, day + timedelta(days=1))):
        for row in by_order[order_id]:
            row["ordered_at"] = _utc_z(datetime.combine(moment, datetime.min.time()))
    write_table(path, header, rows)
    return {"dme_008_trading_day": day.isoformat()}


def product_version_changes(raw: Path, number: int) -> None:
    """DME-003: each product version change moves to another time of day (a version is in effect
    from its valid_from, included, to its valid_to, excluded); where the product was ordered during
    the versions around a change, the change moves to exactly one of those orders' times."""
    path = raw / "raw_product_versions.csv"
    if not path.is_file():  # a project without this etude
        return
    rng, (header, rows) = etude_random("dme_003", number), read_table(path)
    _, orders = read_table(raw / "raw_orders.csv")
    ordered_at = {row["order_id"]: parse_utc(row["ordered_at"]) for row in orders}
    _, items = read_table(raw / "raw_order_items.csv")
    ordered: dict[str, list[datetime]] = defaultdict(list)
    for item in items:
        if item["order_id"] in ordered_at:
            ordered[item["product_id"]].append(ordered_at[item["order_id"]])
    versions = group_by(rows, "product_id")
    stamp = "%Y-%m-%d %H:%M:%S"
    for product_id, group in versions.items():
        group.sort(key=lambda r: int(r["version_number"]))
        for before, after in pairwise(group):
            if not before["valid_to"] or before["valid_to"] != after["valid_from"]:
                continue
            old = datetime.strptime(after["valid_from"], stamp)
            start = datetime.strptime(before["valid_from"], stamp)
            end = datetime.strptime(after["valid_to"], stamp) if after["valid_to"] else datetime.max
            near = sorted(m for m in ordered[product_id] if start < m < end and abs(m - old) < timedelta(days=45))
            if near:
                moment = rng.choice(near)
            else:
                moment = old.replace(hour=0, minute=0, second=0) + timedelta(seconds=rng.randint(1, 86_399))
                if not start < moment < end:
                    continue
            before["valid_to"] = after["valid_from"] = moment.strftime(stamp)
    write_table(path, header, rows)


MISSING_CUSTOMER_LIMIT = Fraction(5, 100)  # DME-005: a usable delivery has at most 5 % of orders without a customer


def marketplace_batches(raw: Path, number: int) -> None:
    """DME-005: a refused delivery (over the limit, re-delivered by a later one) gets another share
    just over the 5 % limit; the first accepted delivery gets another size, in one variant with
    exactly 5 % of its orders without a customer (the limit is inclusive)."""
    path = raw / "raw_marketplace_order_feed.csv"
    if not path.is_file():  # a project without this etude
        return
    rng, (header, rows) = etude_random("dme_005", number), read_table(path)
    batches = group_by(rows, "batch_number")
    order = sorted(batches, key=int)

    def missing(batch: list[dict[str, str]]) -> list[dict[str, str]]:
        return [r for r in batch if not r["customer_id"]]

    for position, name in enumerate(order):
        batch = batches[name]
        if Fraction(len(missing(batch)), len(batch)) <= MISSING_CUSTOMER_LIMIT:
            continue
        ids = {r["marketplace_order_id"] for r in batch}
        redelivery = next((batches[later] for later in order[position + 1 :]
                           if {r["marketplace_order_id"] for r in batches[later]} == ids), None)  # fmt: skip
        if redelivery is None:
            continue
        customers = {r["marketplace_order_id"]: r["customer_id"] for r in redelivery}
        just_over = int(MISSING_CUSTOMER_LIMIT * len(batch)) + 1 + rng.randint(0, 2)
        blanks = missing(batch)
        rng.shuffle(blanks)
        blanks.sort(key=lambda r: bool(customers[r["marketplace_order_id"]]))  # guests in the re-delivery stay guests
        for row in blanks[just_over:]:
            row["customer_id"] = customers[row["marketplace_order_id"]]
    first = next((name for name in order if Fraction(len(missing(batches[name])), len(batches[name]))
                  <= MISSING_CUSTOMER_LIMIT), None)  # fmt: skip
    if first is not None and len(batches[first]) > 40:
        batch = sorted(batches[first], key=lambda r: r["marketplace_order_id"])
        size = len(batch) - rng.randint(5, 30)
        if number % 2 == 1:  # a size whose 5 % is a whole number of orders
            size = (len(batch) - 5) // 20 * 20
        kept = batch[:size]
        dropped = {id(r) for r in batch[len(kept) :]}
        rows = [r for r in rows if id(r) not in dropped]
        if number % 2 == 1:  # exactly at the limit
            at_limit = int(MISSING_CUSTOMER_LIMIT * len(kept))
            known = [r for r in kept if r["customer_id"]]
            rng.shuffle(known)
            for row in known[: max(0, at_limit - len(missing(kept)))]:
                row["customer_id"] = ""
    write_table(path, header, rows)


# --- every etude: the rows that carry a defect get other keys --------------------------------

# A key column of the raw data -> how far each variant moves it (times the variant's number). The
# generator plants its defects at fixed keys (a refused product, an erased customer, a replayed
# payment); moved uniformly, every relation and every order between keys holds, and a fix that
# names the shipped keys (`where product_id not in (14, 22, ...)`) meets other keys on a variant.
KEY_SHIFTS = {
    "product_id": 1000,
    "customer_id": 10_000,
    "order_id": 100_000,
    "order_item_id": 100_000,
    "payment_id": 100_000,
    "refund_id": 10_000,
    "request_id": 1000,
}


def renumbered_keys(raw: Path, number: int) -> None:
    """Every key column of every raw table moved by its shift times ``number`` (an empty key, a
    guest checkout, stays empty)."""
    for path in sorted(raw.glob("*.csv")):
        header, rows = read_table(path)
        shifted = {column: KEY_SHIFTS[column] * number for column in header if column in KEY_SHIFTS}
        if not shifted:
            continue
        for row in rows:
            for column, by in shifted.items():
                if row[column].strip():
                    row[column] = str(int(row[column]) + by)
        write_table(path, header, rows)


TRANSFORMS: tuple[Callable[[Path, int], dict[str, Any] | None], ...] = (
    late_web_events,
    trading_day,
    marketplace_batches,
    product_version_changes,
    renumbered_keys,  # last: the transformations above find the etudes' rows by their shipped keys
)


# --- a variant's copy of a project ------------------------------------------------------------


def mirror_project(source: Path, destination: Path, variant: Variant, ignore: tuple[str, ...]) -> None:
    """Make ``destination`` the project at ``source`` with the variant's seeds in place of its own.

    Only files that differ are written (dbt's partial parse, and the seeds, stay valid between runs);
    files no longer in the source are removed.
    """
    import fnmatch

    def ignored(parts: tuple[str, ...]) -> bool:
        return any(fnmatch.fnmatch(part, pattern) for part in parts for pattern in ignore)

    wanted: dict[str, Path] = {}
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if path.is_file() and not ignored(relative.parts) and relative.parts[:1] != ("seeds",):
            wanted[relative.as_posix()] = path
    for relative in ("seeds/README.md",):
        if (source / relative).is_file():
            wanted[relative] = source / relative
    wanted.update(variant.seed_files())
    if destination.is_dir():
        for path in sorted(destination.rglob("*"), reverse=True):
            relative = path.relative_to(destination).as_posix()
            if path.is_file() and relative not in wanted:
                path.unlink()
    for relative, path in wanted.items():
        target = destination / relative
        data = path.read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
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
        if folder.exists():
            shutil.rmtree(folder)
        partial = folder.with_name(folder.name + ".partial")
        if partial.exists():
            shutil.rmtree(partial)
        write_variant(project_root, number, partial)
        partial.rename(folder)
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
    if not path.is_file():
        return
    header, rows = read_table(path)
    rng = random.Random(f"dme_007:{number}")
    copies: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        copies[row["event_id"]].append(row)
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
    """DME-008: another trading day, its first order placed at exactly 00:00:00 UTC (the boundary
    the brief names), given to the etude as its var."""
    path = raw / "raw_orders.csv"
    header, rows = read_table(path)
    by_order: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_order[row["order_id"]].append(row)
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
        and min(orders)[0] == min(per_day[day])
    )  # fmt: skip
    if not candidates:
        raise VariantError("no day in the variant's orders can be DME-008's trading day")
    day = random.Random(f"dme_008:{number}").choice(candidates)
    _, first = min(by_day[day])
    for row in by_order[first]:
        row["ordered_at"] = _utc_z(datetime.combine(day, datetime.min.time()))
    write_table(path, header, rows)
    return {"dme_008_trading_day": day.isoformat()}


TRANSFORMS: tuple[Callable[[Path, int], dict[str, Any] | None], ...] = (late_web_events, trading_day)


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

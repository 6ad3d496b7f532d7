"""`python -m oracle [--check] [--seeds-dir DIR]`: write or check the expected seeds."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from oracle.raw import RawTables
from oracle.registry import ExpectedSeed, compute_all, discover_answers
from oracle.shop import Shop

REPO_ROOT = Path(__file__).resolve().parent.parent
PROPERTIES_FILE = "_expected__seeds.yml"
MAX_ROWS_SHOWN = 10


def render_csv(seed: ExpectedSeed) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(seed.header)
    writer.writerows(seed.csv_rows())
    return buffer.getvalue()


def render_properties(seeds: list[ExpectedSeed]) -> str:
    lines = [
        "version: 2",
        "",
        "# Written by `python -m oracle` from the etudes' .meta/answers.py and oracle/answers/: do not edit by hand.",
        "# The column types make each expected seed load with the types of the model",
        "# it is compared with, on DuckDB and on PostgreSQL.",
        "",
        "seeds:",
    ]
    for seed in seeds:
        lines.append(f"  - name: {seed.name}")
        lines.append(f"    description: {json.dumps(seed.description + ' Computed by the oracle.')}")
        lines.append("    config:")
        lines.append("      column_types:")
        for column in seed.columns:
            lines.append(f"        {column.name}: {json.dumps(column.sql_type)}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Outputs:
    """Every file the oracle owns in seeds/expected/, as name -> text."""

    files: dict[str, str]

    @classmethod
    def compute(cls, seeds_dir: Path) -> Outputs:
        seeds = compute_all(discover_answers(), Shop(RawTables(seeds_dir)))
        files = {f"{seed.name}.csv": render_csv(seed) for seed in seeds}
        files[PROPERTIES_FILE] = render_properties(seeds)
        return cls(files)


def owned_files(expected_dir: Path) -> set[str]:
    """The files in seeds/expected/ that the oracle owns: every expected_*.csv and the properties file."""
    if not expected_dir.is_dir():
        return set()
    names = {path.name for path in expected_dir.glob("expected_*.csv")}
    if (expected_dir / PROPERTIES_FILE).exists():
        names.add(PROPERTIES_FILE)
    return names


def describe_difference(name: str, committed: str, computed: str) -> list[str]:
    """Readable lines on how a committed file differs from the oracle's answer."""
    if not name.endswith(".csv"):
        return [f"{name}: differs from what the oracle writes (rerun `python -m oracle`)."]
    committed_rows = list(csv.reader(io.StringIO(committed)))
    computed_rows = list(csv.reader(io.StringIO(computed)))
    lines = [f"{name}: differs from what the oracle computes now."]
    if committed_rows[:1] != computed_rows[:1]:
        lines.append(f"  header committed: {','.join(committed_rows[0]) if committed_rows else '(empty file)'}")
        lines.append(f"  header computed:  {','.join(computed_rows[0])}")
    header = computed_rows[0]
    only_committed = Counter(map(tuple, committed_rows[1:])) - Counter(map(tuple, computed_rows[1:]))
    only_computed = Counter(map(tuple, computed_rows[1:])) - Counter(map(tuple, committed_rows[1:]))
    if not only_committed and not only_computed:
        lines.append("  same rows, in another order or layout")
    for label, marker, rows in (("committed but not computed", "-", only_committed),
                                ("computed but not committed", "+", only_computed)):
        if not rows:
            continue
        lines.append(f"  {label}: {sum(rows.values())} row(s) (columns: {','.join(header)})")
        for row in sorted(rows.elements())[:MAX_ROWS_SHOWN]:
            lines.append(f"    {marker} {','.join(row)}")
        if sum(rows.values()) > MAX_ROWS_SHOWN:
            lines.append(f"    ... and {sum(rows.values()) - MAX_ROWS_SHOWN} more")
    return lines


def check(seeds_dir: Path) -> list[str]:
    """Every difference between the committed files and the oracle's; empty when they agree."""
    expected_dir = seeds_dir / "expected"
    outputs = Outputs.compute(seeds_dir)
    problems: list[str] = []
    for name, text in sorted(outputs.files.items()):
        path = expected_dir / name
        if not path.exists():
            problems.append(f"{name}: missing; the oracle computes it (rerun `python -m oracle`).")
            continue
        committed = path.read_text(encoding="utf-8")
        if committed != text:
            problems.extend(describe_difference(name, committed, text))
    for name in sorted(owned_files(expected_dir) - set(outputs.files)):
        problems.append(f"{name}: committed, but no answer in oracle/answers/ or an etude's .meta/answers.py computes it.")
    return problems


def write(seeds_dir: Path) -> list[str]:
    expected_dir = seeds_dir / "expected"
    expected_dir.mkdir(parents=True, exist_ok=True)
    outputs = Outputs.compute(seeds_dir)
    report = []
    for name in sorted(owned_files(expected_dir) - set(outputs.files)):
        (expected_dir / name).unlink()
        report.append(f"removed {name} (no answer computes it any more)")
    for name, text in sorted(outputs.files.items()):
        path = expected_dir / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.write_text(text, encoding="utf-8")
        rows = text.count("\n") - 1
        report.append(f"wrote {name}" + (f" ({rows} rows)" if name.endswith(".csv") else ""))
    return report or ["seeds/expected/ is up to date"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m oracle", description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when a committed expected seed differs from the oracle's answer")
    parser.add_argument("--seeds-dir", type=Path, default=REPO_ROOT / "seeds",
                        help="the seeds folder holding raw/ and expected/ (default: the repository's)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.seeds_dir)
        for line in problems:
            print(line)
        if problems:
            print("The committed known answers are not what the oracle computes: rerun `python -m oracle`, "
                  "review the diff, and commit it.")
            return 1
        print("seeds/expected/ matches the oracle.")
        return 0
    for line in write(args.seeds_dir):
        print(line)
    return 0

"""The learner's loop: wall time of `etudes check` per etude, as a learner runs it.

In a clone of the committed repository (the learner's checkout), for each etude in turn: the
check as shipped (it fails, so no variant runs), then with the reference solution copied over the
trap, on the shipped data alone (`--no-variants`) and as `etudes check` runs by default (the shipped
data, then each hidden data variant). Each time is one `etudes` command as a learner types it, so
it includes dbt's start, parse and build. The first etude's times also hold the one-off costs of a
new checkout (the first parse, loading the seeds, writing and loading each variant's data); the
table says so. Prints the table and writes it to bench/results/etude_check_<target>.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

NAME = "etude_check"
DESCRIPTION = "`etudes check` wall time per etude: as shipped, solved on the shipped data, solved with variants"

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
ETUDES = str(Path(sys.executable).with_name("etudes"))


def _timed(argv: list[str], cwd: Path) -> tuple[float, int]:
    started = time.perf_counter()
    completed = subprocess.run([ETUDES, *argv], cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, completed.returncode


def _solve(clone: Path, folder: str) -> None:
    """Copy the reference solution's files over the trap, as a learner's finished edit."""
    solution = clone / "solutions" / folder
    for path in sorted(p for p in solution.rglob("*") if p.is_file()):
        destination = clone / folder / path.relative_to(solution)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def _etudes(clone: Path) -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    from etudes.workspace import Project

    return [(etude.id, etude.folder) for etude in Project(clone).catalog().available]


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m bench {NAME}", description=DESCRIPTION)
    parser.add_argument("--target", choices=("duckdb", "postgres"), default="duckdb")
    parser.add_argument("--etudes", nargs="*", default=None, help="etude ids (default: every available etude)")
    args = parser.parse_args(argv)
    workdir = RESULTS / NAME / args.target
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "clone", "-q", str(ROOT), str(workdir)], check=True)
    chosen = [e for e in _etudes(workdir) if args.etudes is None or e[0] in args.etudes]
    title = f"`etudes check` wall time per etude on {args.target}, seconds"
    lines = [
        f"{title} (the first row holds the new checkout's first parse, seed load and variant data)",
        "",
        "| etude | as shipped (fails) | solved, shipped data | solved, with variants |",
        "|---|---|---|---|",
    ]
    status = 0
    for etude_id, folder in chosen:
        target = ["--target", args.target]
        shipped, shipped_code = _timed(["check", etude_id, *target], workdir)
        _solve(workdir, folder)
        alone, alone_code = _timed(["check", etude_id, "--no-variants", *target], workdir)
        varied, varied_code = _timed(["check", etude_id, *target], workdir)
        codes = (shipped_code, alone_code, varied_code)
        if codes != (1, 0, 0):
            status = 1
            print(f"{etude_id}: exit codes {codes}, expected (1, 0, 0): the timings below are not of the loop")
        lines.append(f"| {etude_id} | {shipped:.1f} | {alone:.1f} | {varied:.1f} |")
        print(lines[-1], flush=True)
    report = "\n".join(lines) + "\n"
    (RESULTS / f"{NAME}_{args.target}.md").write_text(report, encoding="utf-8")
    print(report)
    return status

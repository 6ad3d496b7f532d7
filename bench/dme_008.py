"""DME-008 at volume: the trap query against the fixed query, 10 million orders, DuckDB and PostgreSQL.

On each engine, builds the etude's orders table (`dme_008__orders`) at --rows rows
(default 10,000,000) from the shipped model, adds what the reference solution adds
to it (an index on ordered_at_utc, then `analyze`), compiles the shipped
trading-day report (the trap: the day picked with casts around ordered_at_utc) and
the reference solution's report (a constant half-open range on the bare column),
and in one session per engine: checks they return the same rows, times each
(best of --repeat, after one warm-up run) and prints each one's EXPLAIN ANALYZE.
Target: on PostgreSQL, the fix at least 100 times faster than the trap.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.timing import best_of

NAME = "dme_008"
DESCRIPTION = "DME-008's trap query vs its fix on a 10M-row orders table, DuckDB and PostgreSQL, with plans"

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DBT = str(Path(sys.executable).with_name("dbt"))
REPORT = "models/etudes/dme_008_performance/dme_008__trading_day_report.sql"
TRAP = ROOT / REPORT
FIX = ROOT / "solutions" / REPORT
TARGET_SPEEDUP = {"postgres": 100.0}
CONFIG_CALL = re.compile(r"\{\{\s*config\(.*?\)\s*\}\}", re.DOTALL)


@dataclass
class EngineResult:
    engine: str
    rows: int
    build_s: float
    trap_s: float
    fix_s: float
    trap_plan: str
    fix_plan: str
    report_rows: int

    @property
    def speedup(self) -> float:
        return self.trap_s / self.fix_s


class Engine:
    def __init__(self, name: str, rows: int) -> None:
        self.name = name
        self.rows = rows
        self.workdir = RESULTS / name
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.schema = os.environ.get("DATA_ETUDES_BENCH_SCHEMA", "dme_008_bench")
        self.env = {
            **os.environ,
            "DATA_ETUDES_TARGET": name,
            "DATA_ETUDES_SCHEMA": self.schema,
            "DATA_ETUDES_DUCKDB_PATH": str(self.workdir / "dme_008.duckdb"),
            "DBT_TARGET_PATH": str(self.workdir / "dme_008_target"),
            "DBT_LOG_PATH": str(self.workdir / "dme_008_logs"),
            "DBT_PROFILES_DIR": str(ROOT),
        }
        self.vars = f"{{dme_008_scale: {rows}}}"

    def dbt(self, *args: str) -> str:
        completed = subprocess.run(
            [DBT, *args, "--project-dir", str(ROOT), "--vars", self.vars],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"dbt {' '.join(args[:2])} failed on {self.name}:\n{completed.stdout[-3000:]}")
        return completed.stdout

    def compile_inline(self, path: Path) -> str:
        """The report's SQL with refs and vars rendered (its config call dropped: it is a query here)."""
        source = CONFIG_CALL.sub("", path.read_text())
        out = self.dbt("compile", "--quiet", "--inline", source)
        return out.strip()

    def connect(self) -> tuple[Callable[[str], list], Callable[[], None]]:
        if self.name == "duckdb":
            import duckdb

            connection = duckdb.connect(self.env["DATA_ETUDES_DUCKDB_PATH"])
            return (lambda sql: connection.execute(sql).fetchall()), connection.close
        import psycopg2

        connection = psycopg2.connect(
            host=os.environ.get("DATA_ETUDES_PG_HOST", "127.0.0.1"),
            port=int(os.environ.get("DATA_ETUDES_PG_PORT", "5432")),
            user=os.environ.get("DATA_ETUDES_PG_USER", "postgres"),
            password=os.environ.get("DATA_ETUDES_PG_PASSWORD", ""),
            dbname=os.environ.get("DATA_ETUDES_PG_DATABASE", "postgres"),
        )
        connection.autocommit = True
        cursor = connection.cursor()

        def execute(sql: str) -> list:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else []

        return execute, connection.close

    @property
    def orders(self) -> str:
        return f"{self.schema}_etudes.dme_008__orders"

    def drop(self) -> None:
        if self.name == "postgres":
            execute, close = self.connect()
            for suffix in ("", "_raw", "_expected", "_staging", "_intermediate", "_marts", "_etudes", "_snapshots"):
                execute(f"drop schema if exists {self.schema}{suffix} cascade")
            close()


def _plan(execute: Callable[[str], list], sql: str, engine: str) -> str:
    rows = execute(f"explain analyze {sql}")
    if engine == "duckdb":
        return "\n".join(str(row[-1]) for row in rows)
    return "\n".join(row[0] for row in rows)


def measure(engine_name: str, rows: int, repeat: int, keep: bool) -> EngineResult:
    engine = Engine(engine_name, rows)
    print(f"[{engine_name}] dbt seed, build dme_008__orders ({rows:,} rows) ...", flush=True)
    started = time.perf_counter()
    engine.dbt("seed", "--full-refresh", "--quiet")
    engine.dbt("build", "--select", "+dme_008__orders", "--exclude", "resource_type:test", "--quiet")
    build_s = time.perf_counter() - started
    trap_sql = engine.compile_inline(TRAP)
    fix_sql = engine.compile_inline(FIX)
    execute, close = engine.connect()
    try:
        if engine_name == "postgres":
            print(f"[{engine_name}] the fix's index on ordered_at_utc, analyze ...", flush=True)
            execute(f"create index if not exists dme_008_bench_ordered_at on {engine.orders} (ordered_at_utc)")
            execute(f"analyze {engine.orders}")
        trap_rows = sorted(execute(trap_sql))
        fix_rows = sorted(execute(fix_sql))
        if trap_rows != fix_rows:
            raise RuntimeError(f"trap and fix disagree on {engine_name}:\n{trap_rows}\n{fix_rows}")
        print(f"[{engine_name}] timing (best of {repeat}) ...", flush=True)
        trap_s = best_of(execute, trap_sql, repeat, warm_up=True)
        fix_s = best_of(execute, fix_sql, repeat, warm_up=True)
        trap_plan = _plan(execute, trap_sql, engine_name)
        fix_plan = _plan(execute, fix_sql, engine_name)
    finally:
        close()
    if not keep:
        engine.drop()
    return EngineResult(engine_name, rows, build_s, trap_s, fix_s, trap_plan, fix_plan, len(fix_rows))


def report(results: list[EngineResult]) -> bool:
    met = True
    for result in results:
        target = TARGET_SPEEDUP.get(result.engine)
        ok = target is None or result.speedup >= target
        met = met and ok
        print(
            f"\n== {result.engine}: dme_008__orders at {result.rows:,} rows (seed and build {result.build_s:.0f} s) =="
        )
        print(f"  trap (casts around ordered_at_utc)   {result.trap_s * 1000:10.1f} ms")
        print(f"  fix  (range on the bare column)      {result.fix_s * 1000:10.1f} ms")
        verdict = f"  (target >= {target:.0f}x)  {'met' if ok else 'MISSED'}" if target else ""
        print(f"  trap / fix = {result.speedup:8.1f}x{verdict}")
        print(f"  same {result.report_rows} rows from both")
        print("\n  -- plan of the trap (EXPLAIN ANALYZE) --")
        print("  " + result.trap_plan.replace("\n", "\n  "))
        print("\n  -- plan of the fix (EXPLAIN ANALYZE) --")
        print("  " + result.fix_plan.replace("\n", "\n  "))
    return met


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench dme_008", description=DESCRIPTION)
    parser.add_argument("--engines", nargs="+", default=["duckdb", "postgres"], choices=["duckdb", "postgres"])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schemas afterwards")
    args = parser.parse_args(argv)
    results = [measure(engine, args.rows, args.repeat, args.keep) for engine in args.engines]
    met = report(results)
    print("\nall targets met" if met else "\nsome targets missed")
    return 0 if met else 1

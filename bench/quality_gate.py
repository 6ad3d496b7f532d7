"""quality_gate at volume: one gate against ten single-rule tests and a hand-written floor.

On DuckDB and PostgreSQL, builds `bench_events` (10 million rows by default,
with data_etudes.generate_rows), compiles the gate (tag bench_gate) and the
ten single-rule tests (tag bench_single), then times, in one session per engine:
  (a) the gate's compiled SQL,
  (b) the ten single-rule tests' compiled SQL, one after another,
  (c) one hand-written aggregate computing the same ten counts (the floor),
each wrapped as dbt wraps a test (select count(*) from (...)), best of --repeat;
and, as a second figure, the wall time of `dbt test` selecting (a) against (b).
Targets: a/c <= 1.2 on both engines; b/a >= 2.5 on PostgreSQL, >= 1 on DuckDB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.timing import best_of

NAME = "quality_gate"
DESCRIPTION = "quality_gate vs ten single-rule tests vs a hand-written aggregate, 10M rows, DuckDB and PostgreSQL"

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Path(__file__).resolve().parent / "project"
RESULTS = ROOT / "bench" / "results"
DBT = str(Path(sys.executable).with_name("dbt"))
PATTERN = r"^[a-z0-9.]+@[a-z0-9.]+\.[a-z]+$"
TARGETS = {"duckdb": {"a/c": 1.2, "b/a": 1.0}, "postgres": {"a/c": 1.2, "b/a": 2.5}}


@dataclass
class EngineResult:
    engine: str
    rows: int
    gate_s: float
    singles_s: float
    floor_s: float
    dbt_gate_s: float
    dbt_singles_s: float
    single_breakdown: dict[str, float]

    @property
    def b_over_a(self) -> float:
        return self.singles_s / self.gate_s

    @property
    def a_over_c(self) -> float:
        return self.gate_s / self.floor_s


def _floor_sql(relation: str, engine: str) -> str:
    mismatch = f"not regexp_matches(email, '{PATTERN}')" if engine == "duckdb" else f"email !~ '{PATTERN}'"
    return f"""
select
    count(*) filter (where event_id is null) as event_id_nulls,
    count(*) filter (where order_status is null) as order_status_nulls,
    count(*) filter (where created_at_utc is null) as created_at_nulls,
    count(*) filter (where amount_usd < 0 or amount_usd > 1000) as amount_out_of_range,
    count(*) filter (where event_id < 1) as event_id_out_of_range,
    count(*) filter (where order_status not in ('placed', 'shipped', 'returned', 'cancelled')) as bad_status,
    count(*) filter (where email is not null and {mismatch}) as bad_email,
    count(*) - count(email) as email_nulls,
    count(*) - count(distinct event_id) as duplicate_event_ids,
    max(created_at_utc) as newest_created_at
from {relation}
"""


def _wrap(sql: str) -> str:
    return f"select count(*) as failures from (\n{sql}\n) as dbt_internal_test"


class Engine:
    def __init__(self, name: str, rows: int) -> None:
        self.name = name
        self.rows = rows
        self.workdir = RESULTS / name
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.schema = os.environ.get("DATA_ETUDES_BENCH_SCHEMA", "pkg_bench")
        self.env = {
            **os.environ,
            "DATA_ETUDES_TARGET": name,
            "DATA_ETUDES_SCHEMA": self.schema if name == "postgres" else "main",
            "DATA_ETUDES_DUCKDB_PATH": str(self.workdir / "bench.duckdb"),
            "DBT_TARGET_PATH": str(self.workdir / "target"),
            "DBT_LOG_PATH": str(self.workdir / "logs"),
            "DBT_PROFILES_DIR": str(PROJECT),
        }

    def dbt(self, *args: str) -> float:
        started = time.perf_counter()
        completed = subprocess.run(
            [DBT, *args, "--project-dir", str(PROJECT), "--vars", f"{{bench_rows: {self.rows}}}"],
            env=self.env, capture_output=True, text=True, check=False,
        )
        elapsed = time.perf_counter() - started
        if completed.returncode != 0:
            raise RuntimeError(f"dbt {' '.join(args)} failed on {self.name}:\n{completed.stdout[-3000:]}")
        return elapsed

    def compiled(self, test_name: str) -> str:
        matches = list((self.workdir / "target" / "compiled").rglob(f"{test_name}.sql"))
        if len(matches) != 1:
            raise RuntimeError(f"compiled SQL of {test_name} not found under {self.workdir / 'target'}")
        return matches[0].read_text()

    def connect(self) -> tuple[Callable[[str], None], Callable[[], None], str]:
        if self.name == "duckdb":
            import duckdb

            connection = duckdb.connect(self.env["DATA_ETUDES_DUCKDB_PATH"], read_only=True)
            return (lambda sql: connection.execute(sql).fetchall()), connection.close, "main.bench_events"
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

        def execute(sql: str) -> None:
            cursor.execute(sql)
            cursor.fetchall()

        return execute, connection.close, f"{self.schema}.bench_events"

    def drop(self) -> None:
        if self.name == "postgres":
            execute, close, _ = self.connect()
            execute(f"select 1; drop schema if exists {self.schema} cascade; select 1")
            close()


def measure(engine_name: str, rows: int, repeat: int, keep: bool) -> EngineResult:
    engine = Engine(engine_name, rows)
    print(f"[{engine_name}] dbt deps, build bench_events ({rows:,} rows), compile tests ...", flush=True)
    engine.dbt("deps", "--quiet")
    engine.dbt("run", "--select", "bench_events", "--quiet")
    engine.dbt("compile", "--select", "tag:bench_gate", "tag:bench_single", "--quiet")
    gate_sql = _wrap(engine.compiled("bench_gate"))
    singles = {
        path.stem: _wrap(path.read_text())
        for path in sorted((engine.workdir / "target" / "compiled").rglob("bench_single_*.sql"))
    }
    if len(singles) != 10:
        raise RuntimeError(f"expected 10 single-rule tests, compiled {sorted(singles)}")
    execute, close, relation = engine.connect()
    try:
        floor_sql = _floor_sql(relation, engine_name)
        execute(floor_sql)  # warm the cache once
        print(f"[{engine_name}] timing (best of {repeat}) ...", flush=True)
        gate_s = best_of(execute, gate_sql, repeat)
        floor_s = best_of(execute, floor_sql, repeat)
        breakdown = {name: best_of(execute, sql, repeat) for name, sql in singles.items()}
    finally:
        close()
    dbt_gate_s = engine.dbt("test", "--select", "tag:bench_gate", "--quiet")
    dbt_singles_s = engine.dbt("test", "--select", "tag:bench_single", "--quiet")
    if not keep:
        engine.drop()
    return EngineResult(engine_name, rows, gate_s, sum(breakdown.values()), floor_s, dbt_gate_s, dbt_singles_s, breakdown)


def report(results: list[EngineResult]) -> bool:
    met = True
    for result in results:
        targets = TARGETS[result.engine]
        a_c_ok = result.a_over_c <= targets["a/c"]
        b_a_ok = result.b_over_a >= targets["b/a"]
        met = met and a_c_ok and b_a_ok
        print(f"\n== {result.engine}: {result.rows:,} rows ==")
        print(f"  (a) quality_gate, one query       {result.gate_s:8.3f} s")
        print(f"  (b) ten single-rule tests         {result.singles_s:8.3f} s")
        for name, seconds in sorted(result.single_breakdown.items(), key=lambda item: -item[1]):
            print(f"        {name:44s} {seconds:8.3f} s")
        print(f"  (c) hand-written aggregate (floor) {result.floor_s:7.3f} s")
        print(f"  b/a = {result.b_over_a:5.2f}  (target >= {targets['b/a']})  {'met' if b_a_ok else 'MISSED'}")
        print(f"  a/c = {result.a_over_c:5.2f}  (target <= {targets['a/c']})  {'met' if a_c_ok else 'MISSED'}")
        print(f"  dbt test wall time: gate {result.dbt_gate_s:.2f} s, ten tests {result.dbt_singles_s:.2f} s "
              f"(ratio {result.dbt_singles_s / result.dbt_gate_s:.2f})")
    return met


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench quality_gate", description=DESCRIPTION)
    parser.add_argument("--engines", nargs="+", default=["duckdb", "postgres"], choices=["duckdb", "postgres"])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema afterwards")
    args = parser.parse_args(argv)
    results = [measure(engine, args.rows, args.repeat, args.keep) for engine in args.engines]
    met = report(results)
    print("\nall targets met" if met else "\nsome targets missed")
    return 0 if met else 1

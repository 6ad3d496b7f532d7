"""An incremental events model at volume: a batch of 1% new and late rows against a full refresh.

On DuckDB and PostgreSQL, in bench/incremental_project: bench_landed_events holds the events
delivered so far (built with data_etudes.generate_rows), bench_events loads them incrementally
(delete+insert by event_id over a lookback window, data_etudes.incremental_window, the delete
restricted to the window; on PostgreSQL, indexes on event_id and event_at_utc). For each size:
  1. initial load of --rows events (full refresh of both models);
  2. the batch lands: --delta-share of --rows more events, half new, half late (inside the
     lookback window), and every tenth event of the window re-delivered with a new status;
     on PostgreSQL both tables are then analyzed, as autovacuum would in a live warehouse;
  3. `dbt run` of bench_events, incremental: its execution time from run_results.json (the
     node's execution_time, not dbt's start-up), and a content hash of the table;
  4. `dbt run --full-refresh` of bench_events: the same, for the denominator.
The incremental table must equal the full refresh (row count and the sum of a hash of every
row: duplicates count, NULLs count). Figures at 1 and 10 million rows by default, and at the
largest size a batch as small as the smallest size's (the cost follows the delta, not the table).
Targets: incremental / full refresh at most 10% on DuckDB, 5% on PostgreSQL, at every size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NAME = "incremental"
DESCRIPTION = "incremental delete+insert of a 1% batch vs a full refresh, 1M and 10M rows, DuckDB and PostgreSQL"

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Path(__file__).resolve().parent / "incremental_project"
RESULTS = ROOT / "bench" / "results" / "incremental"
DBT = str(Path(sys.executable).with_name("dbt"))
NODE = "model.data_etudes_bench_incremental.bench_events"
TARGETS = {"duckdb": 0.10, "postgres": 0.05}


@dataclass
class Measurement:
    engine: str
    rows: int
    delta: int
    incremental_s: float
    full_refresh_s: float
    incremental_hash: tuple[Any, ...]
    full_refresh_hash: tuple[Any, ...]

    @property
    def fraction(self) -> float:
        return self.incremental_s / self.full_refresh_s

    @property
    def equal(self) -> bool:
        return self.incremental_hash == self.full_refresh_hash


class Engine:
    def __init__(self, name: str) -> None:
        self.name = name
        self.workdir = RESULTS / name
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.schema = os.environ.get("DATA_ETUDES_BENCH_SCHEMA", "pkg_bench_incremental")
        self.duckdb_path = self.workdir / "bench.duckdb"
        self.env = {
            **os.environ,
            "DATA_ETUDES_TARGET": name,
            "DATA_ETUDES_SCHEMA": self.schema if name == "postgres" else "main",
            "DATA_ETUDES_DUCKDB_PATH": str(self.duckdb_path),
            "DBT_TARGET_PATH": str(self.workdir / "target"),
            "DBT_LOG_PATH": str(self.workdir / "logs"),
            "DBT_PROFILES_DIR": str(PROJECT),
        }

    def dbt(self, *args: str, variables: dict[str, int] | None = None) -> dict[str, Any]:
        """Run dbt; return the run results (raises with dbt's output when it fails)."""
        command = [DBT, *args, "--project-dir", str(PROJECT)]
        if variables is not None:
            command += ["--vars", json.dumps(variables)]
        completed = subprocess.run(command, check=False, env=self.env, capture_output=True, text=True)
        if completed.returncode != 0:
            raise RuntimeError(f"dbt {' '.join(args)} failed on {self.name}:\n{completed.stdout[-3000:]}")
        path = self.workdir / "target" / "run_results.json"
        return json.loads(path.read_text()) if path.exists() else {}

    def node_seconds(self, results: dict[str, Any]) -> float:
        for result in results.get("results", []):
            if result["unique_id"] == NODE:
                if result["status"] != "success":
                    raise RuntimeError(f"bench_events ended {result['status']} on {self.name}: {result['message']}")
                return float(result["execution_time"])
        raise RuntimeError(f"no result for bench_events in run_results.json on {self.name}")

    def content_hash(self) -> tuple[Any, ...]:
        """Row count and the sum of a 64-bit hash of every row of bench_events."""
        if self.name == "duckdb":
            import duckdb

            connection = duckdb.connect(str(self.duckdb_path), read_only=True)
            try:
                return tuple(
                    connection.execute(
                        "select count(*), sum(hash(event_id, event_at_utc, amount_usd, order_status)) "
                        "from main.bench_events"
                    ).fetchone()
                )
            finally:
                connection.close()
        connection = self._pg_connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "select count(*), sum(hashtextextended("
                    "row(event_id, event_at_utc, amount_usd, order_status)::text, 0)::numeric) "
                    f"from {self.schema}.bench_events"
                )
                return tuple(cursor.fetchone())
        finally:
            connection.close()

    def analyze(self) -> None:
        """Give PostgreSQL the statistics a live warehouse has (untimed).

        A table dbt has just created by `create table as` has no statistics until autovacuum
        analyzes it, soon after in a live warehouse; without them the planner guesses that a range
        on event_at_utc keeps a third of the table and reads all of it. DuckDB keeps its own."""
        if self.name != "postgres":
            return
        connection = self._pg_connect()
        try:
            with connection.cursor() as cursor:
                for table in ("bench_landed_events", "bench_events"):
                    cursor.execute(f"analyze {self.schema}.{table}")
        finally:
            connection.close()

    def reset(self) -> None:
        if self.name == "duckdb":
            for suffix in ("", ".wal"):
                Path(f"{self.duckdb_path}{suffix}").unlink(missing_ok=True)
            return
        connection = self._pg_connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"drop schema if exists {self.schema} cascade")
        finally:
            connection.close()

    def _pg_connect(self) -> Any:
        import psycopg2

        connection = psycopg2.connect(
            host=os.environ.get("DATA_ETUDES_PG_HOST", "127.0.0.1"),
            port=int(os.environ.get("DATA_ETUDES_PG_PORT", "5432")),
            user=os.environ.get("DATA_ETUDES_PG_USER", "postgres"),
            password=os.environ.get("DATA_ETUDES_PG_PASSWORD", ""),
            dbname=os.environ.get("DATA_ETUDES_PG_DATABASE", "postgres"),
        )
        connection.autocommit = True
        return connection


def measure(engine: Engine, rows: int, delta: int) -> Measurement:
    # Late events occurred up to half a batch of seconds before the newest one: the lookback.
    before = {"bench_rows": rows, "bench_delta": delta, "bench_batch": 0, "bench_lookback_seconds": max(delta // 2, 1)}
    after = {**before, "bench_batch": 1}
    engine.reset()
    print(f"[{engine.name}] {rows:,} rows: initial load, then a batch of {delta:,} ...", flush=True)
    engine.dbt("run", "--select", "bench_landed_events", "bench_events", "--full-refresh", "--quiet", variables=before)
    engine.dbt("run", "--select", "bench_landed_events", "--quiet", variables=after)
    engine.analyze()
    incremental_s = engine.node_seconds(engine.dbt("run", "--select", "bench_events", "--quiet", variables=after))
    incremental_hash = engine.content_hash()
    full_refresh_s = engine.node_seconds(
        engine.dbt("run", "--select", "bench_events", "--full-refresh", "--quiet", variables=after)
    )
    full_refresh_hash = engine.content_hash()
    return Measurement(engine.name, rows, delta, incremental_s, full_refresh_s, incremental_hash, full_refresh_hash)


def report(results: list[Measurement]) -> bool:
    met = True
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n== incremental vs full refresh (load average {load}) ==")
    print(f"  {'engine':9s} {'rows':>12s} {'batch':>10s} {'incremental':>12s} {'full refresh':>13s} "
          f"{'fraction':>9s}  equal")  # fmt: skip
    for m in results:
        ok = m.equal and m.fraction <= TARGETS[m.engine]
        met = met and ok
        print(
            f"  {m.engine:9s} {m.rows:12,d} {m.delta:10,d} {m.incremental_s:10.3f} s {m.full_refresh_s:11.3f} s "
            f"{m.fraction:8.1%}  {'yes' if m.equal else 'NO'}  "
            f"(target <= {TARGETS[m.engine]:.0%}: {'met' if ok else 'MISSED'})"
        )
        if not m.equal:
            print(f"      incremental {m.incremental_hash} != full refresh {m.full_refresh_hash}")
    return met


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench incremental", description=DESCRIPTION)
    parser.add_argument("--engines", nargs="+", default=["duckdb", "postgres"], choices=["duckdb", "postgres"])
    parser.add_argument("--rows", nargs="+", type=int, default=[1_000_000, 10_000_000])
    parser.add_argument("--delta-share", type=float, default=0.01, help="the batch, as a share of the table")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema afterwards")
    args = parser.parse_args(argv)
    sizes = sorted(args.rows)
    results = []
    for name in args.engines:
        engine = Engine(name)
        engine.dbt("deps", "--quiet")
        plan = [(rows, int(rows * args.delta_share)) for rows in sizes]
        if len(sizes) > 1:  # the largest table with the smallest table's batch: the cost follows the delta
            plan.append((sizes[-1], int(sizes[0] * args.delta_share)))
        for rows, delta in plan:
            results.append(measure(engine, rows, delta))
            report(results[-1:])
        if not args.keep:
            engine.reset()
            if name == "duckdb":
                shutil.rmtree(engine.workdir / "target", ignore_errors=True)
    print("\n== summary ==")
    met = report(results)
    print("\nall targets met" if met else "\nsome targets missed")
    return 0 if met else 1

"""Every analysis under analyses/ compiles on DuckDB and on PostgreSQL.

Analyses are the review queries a data engineer runs by hand (the platform review, the
etudes' business questions); dbt builds them never, so nothing else would notice one that
stopped compiling. One `dbt compile --select resource_type:analysis` per engine, in its own
target folder and schema prefix; PostgreSQL unreachable skips on a laptop and fails under CI.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from etudes_support import REPO, isolated_runner, require_target

ANALYSES = REPO / "analyses"
ENGINES = ("duckdb", "postgres")
# The statement each engine's EXPLAIN must start with (the analysis picks it by target.type).
EXPLAIN_BY_ENGINE = {"duckdb": "explain analyze", "postgres": "explain (analyze, buffers)"}


@pytest.mark.parametrize("engine", ENGINES)
def test_every_analysis_compiles(engine: str, tmp_path: Path) -> None:
    require_target(engine)
    env = {
        "DATA_ETUDES_TARGET": engine,
        "DATA_ETUDES_DUCKDB_PATH": str(tmp_path / "analyses.duckdb"),
        "DATA_ETUDES_SCHEMA": f"analyses_test_{uuid.uuid4().hex[:10]}",
    }
    runner = isolated_runner(REPO, REPO, engine, tmp_path, env)
    compiled = runner.invoke("compile", select=["resource_type:analysis"])
    assert compiled.error is None, f"dbt compile raised on {engine}: {compiled.error}"
    failed = [f"{n.name}: {n.status} ({n.message})" for n in compiled.nodes if n.status != "success"]
    assert not failed and compiled.success, f"analyses that did not compile on {engine}: {failed}"

    on_disk = {path.relative_to(REPO).as_posix() for path in ANALYSES.rglob("*.sql")}
    assert {"analyses/platform_review/revenue_reconciled_to_payments_and_refunds.sql"} <= on_disk
    compiled_dir = tmp_path / "target" / "compiled" / "data_etudes"
    written = {path.relative_to(compiled_dir).as_posix() for path in compiled_dir.rglob("*.sql")}
    assert written == on_disk, f"on {engine}, compiled {sorted(written)} but analyses/ holds {sorted(on_disk)}"
    assert {n.name for n in compiled.nodes if n.resource_type == "analysis"} == {Path(p).stem for p in on_disk}

    explain = (compiled_dir / "analyses" / "platform_review" / "explain_orders_mart_dashboard_read.sql").read_text()
    statement = [line.strip() for line in explain.splitlines() if line.strip() and not line.strip().startswith("--")]
    assert statement[:2] == [EXPLAIN_BY_ENGINE[engine], "select"], statement[:2]

"""`etudes demo` (what `make demo` runs) gives the same result a second time as the first, on one
DuckDB file and on one PostgreSQL schema, and a build that fails never exits 0."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from etudes_support import REPO, TARGETS, copy_fixture, require_target, run_cli

RUNS = 2


def without_timings(output: str) -> str:
    return re.sub(r"\d+(\.\d+)? s\b", "<seconds>", output)


@pytest.mark.parametrize("target", TARGETS)
def test_demo_repeated_on_one_warehouse_gives_the_same_board(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, learner_env
) -> None:
    require_target(target)
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(tmp_path / "logs"))
    outputs = []
    for number in range(1, RUNS + 1):
        run = run_cli("demo", "--project-dir", str(REPO), "--target", target)
        assert run.code == 0, f"run {number} of {RUNS} on {target}:\n{run.output}"
        assert "dbt failed" not in run.output and "Error" not in run.output, run.output
        assert "built platform" in run.output and "built etude models" in run.output, run.output
        outputs.append(without_timings(run.output))
    assert outputs[1:] == outputs[:1] * (RUNS - 1)
    assert "data_etudes: the etudes" in outputs[0] and "DME-011" in outputs[0]


def test_demo_exits_non_zero_when_an_etude_model_does_not_build(tmp_path: Path, learner_env) -> None:
    root = copy_fixture(tmp_path)
    (root / "models/etudes/dme_001_revenue/customer_revenue.sql").write_text("select from nowhere\n")
    run = run_cli("demo", "--project-dir", str(root))
    assert run.code == 1, run.output
    assert "built platform" in run.output
    assert "etude models (their checks are yours to run): dbt failed" in run.output
    assert "model customer_revenue" in run.output and "etudes reset <id>" in run.output

"""Ctrl-C during `etudes check`: a real SIGINT to the command, during the build and during a
scenario's run. It stops at once, says so, exits 130, records nothing, and the next check of a
correct fix passes on the warehouse the interrupted run left behind."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from etudes_support import TARGETS, copy_fixture, require_target, run_cli

from etudes.workspace import Project

# A model that runs for minutes unless stopped; `slow_when_batched` is quick in the build (no vars)
# and slow in the scenario's steps, which set `batch`.
SLOW_SQL = """
{{% set slow = {condition} %}}
{{% if target.type == 'postgres' %}}
select {{{{ 'pg_sleep(600)::text' if slow else "'quick'" }}}} as waited
{{% else %}}
select sum(range % 7) as waited from range({{{{ 100000000000 if slow else 1 }}}})
{{% endif %}}
"""
INTERRUPTED_WITHIN_SECONDS = 15


@pytest.fixture(params=TARGETS)
def target(request: pytest.FixtureRequest) -> str:
    require_target(request.param)
    return request.param


def start_check(root: Path, etude: str, target: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "etudes.cli", "check", etude, "--project-dir", str(root), "--target", target],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_node_start(root: Path, node: str, occurrence: int, process: subprocess.Popen[str]) -> None:
    """Until dbt's log says the node began running for the `occurrence`-th time."""
    log = root / "logs" / "dbt.log"
    marker = f"Began running node {node}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the check ended before {node} started: {process.communicate()[0]}"
        if log.exists() and log.read_text(encoding="utf-8", errors="replace").count(marker) >= occurrence:
            time.sleep(1)  # the node's query is under way
            return
        time.sleep(0.2)
    pytest.fail(f"{node} never started")


def interrupt(process: subprocess.Popen[str]) -> tuple[int, str, float]:
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    return process.returncode, output, time.monotonic() - sent


def assert_interrupted(code: int, output: str, seconds: float) -> None:
    assert code == 130, output
    assert "interrupted" in output and "nothing recorded" in output, output
    assert "Traceback" not in output and "FAIL" not in output and "checks fail" not in output, output
    assert seconds < INTERRUPTED_WITHIN_SECONDS, f"took {seconds:.1f} s to stop"


def recorded_state(root: Path) -> str:
    run_cli("hint", "1", "--project-dir", str(root))  # a state file with something in it
    return Project(root).state_path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Moment:
    """When to press Ctrl-C: while a slow model the etude selects is running."""

    etude: str
    folder: str
    model: str
    slow_if: str  # a Jinja condition: when the model is slow
    occurrence: int  # press during its n-th run
    solution: str


DURING_THE_BUILD = Moment("1", "dme_001_revenue", "slow_to_build", "true", 1, "customer_revenue.sql")
# Once in the build (quick), then in the scenario's first step (slow).
DURING_A_SCENARIO = Moment(
    "2", "dme_002_reload", "slow_when_batched", "var('batch', none) is not none", 2, "orders_loaded.sql"
)


@pytest.mark.parametrize("moment", [DURING_THE_BUILD, DURING_A_SCENARIO], ids=["build", "scenario"])
def test_ctrl_c_stops_at_once_and_records_nothing(tmp_path: Path, target: str, moment: Moment, learner_env) -> None:
    root = copy_fixture(tmp_path)
    folder = root / "models/etudes" / moment.folder
    slow = folder / f"{moment.model}.sql"
    slow.write_text(SLOW_SQL.format(condition=moment.slow_if))
    state = recorded_state(root)

    process = start_check(root, moment.etude, target)
    wait_for_node_start(root, f"model.etude_fixture.{moment.model}", moment.occurrence, process)
    assert_interrupted(*interrupt(process))
    assert Project(root).state_path.read_text(encoding="utf-8") == state

    slow.unlink()
    shutil.copy(folder / ".meta" / "solution" / moment.solution, folder / moment.solution)
    fixed = run_cli("check", moment.etude, "--project-dir", str(root), "--target", target)
    assert fixed.code == 0, fixed.output
    assert "checks pass" in fixed.output, fixed.output
    passed = json.loads(Project(root).state_path.read_text())["etudes"][f"DME-00{moment.etude}"]
    assert passed["passed_once"] is True

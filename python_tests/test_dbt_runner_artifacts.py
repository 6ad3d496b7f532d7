"""A dbt command run without artifacts writes no JSON, still reports its outcome, and a later read of
the manifest from its target folder fails loudly instead of returning the previous command's."""

from __future__ import annotations

from pathlib import Path

import pytest
from etudes_support import copy_fixture, isolated_runner


def test_a_command_without_artifacts_reports_its_outcome_and_leaves_no_stale_manifest(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    env = {"DATA_ETUDES_DUCKDB_PATH": str(tmp_path / "warehouse.duckdb")}
    runner = isolated_runner(root, root, "duckdb", tmp_path, env)
    manifest = tmp_path / "target" / "manifest.json"

    seeded = runner.invoke("seed", artifacts=False)
    assert seeded.success, seeded.describe_failure()
    assert seeded.nodes and all(node.status == "success" for node in seeded.nodes), seeded.nodes
    assert not manifest.exists()
    with pytest.raises(AssertionError, match="wrote no manifest"):
        runner.tests()

    parsed = runner.invoke("parse")
    assert parsed.success and manifest.exists()
    assert runner.tests(), "the parse's manifest lists the fixture's tests"
    written = manifest.stat().st_mtime_ns

    runner.invoke("run", artifacts=False)
    assert manifest.stat().st_mtime_ns == written  # nothing written
    with pytest.raises(AssertionError, match="wrote no manifest"):
        runner.tests()

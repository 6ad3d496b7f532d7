"""A dbt command run without artifacts writes no JSON and still reports its outcome; the manifest is read
from the invocation that wrote it, and asking one that wrote none fails loudly instead of returning
another command's."""

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
        runner.tests(seeded)

    parsed = runner.invoke("parse")
    assert parsed.success and manifest.exists()
    assert runner.tests(parsed), "the parse's manifest lists the fixture's tests"
    written = manifest.stat().st_mtime_ns

    ran = runner.invoke("run", artifacts=False)
    assert ran.success and ran.artifacts is None
    assert manifest.stat().st_mtime_ns == written  # nothing written
    with pytest.raises(AssertionError, match="wrote no manifest"):
        runner.tests(ran)
    assert runner.tests(parsed), "the parse's manifest is still the parse's to read"

"""A dbt command run without artifacts writes no JSON and still reports its outcome; the manifest is read
from the invocation that wrote it, and asking one that wrote none fails loudly instead of returning
another command's. The sessions a command opens on PostgreSQL run without JIT."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from etudes_support import (
    DBT_VERSIONS,
    copy_fixture,
    dbt_executable,
    drop_postgres_schemas,
    isolated_runner,
    require_target,
)

from etudes.warehouse import Warehouse


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


@pytest.mark.parametrize("version", DBT_VERSIONS)
def test_dbt_sessions_on_postgres_run_without_jit(tmp_path: Path, version: str) -> None:
    """Every dbt command the engine runs turns PostgreSQL's JIT off (its compiling cost a privacy
    check 22 of its 23 s), in this process and in another dbt's; a PGOPTIONS of the user's own is
    kept beside it, and a jit setting in it wins."""
    require_target("postgres")
    root = copy_fixture(tmp_path)
    (root / "models" / "session_settings.sql").write_text(
        "{{ config(materialized='table') }}\n"  # evaluated in dbt's session, not in the reader's
        "select current_setting('jit') as jit, current_setting('statement_timeout') as statement_timeout\n"
    )
    schema = f"jit_{uuid.uuid4().hex[:8]}"
    env = {"DATA_ETUDES_SCHEMA": schema, "PGOPTIONS": "-c statement_timeout=600000"}
    runner = isolated_runner(root, root, "postgres", tmp_path, env, executable=dbt_executable(version))
    warehouse = Warehouse.from_env("postgres", {**os.environ, **env})
    try:
        settings = []
        for options in ("-c statement_timeout=600000", "-c jit=on"):
            runner.context.env["PGOPTIONS"] = options
            ran = runner.invoke("run", select=["session_settings"])
            assert ran.success, ran.describe_failure()
            settings += warehouse.query(f'select jit, statement_timeout from "{schema}".session_settings').rows
        assert settings == [("off", "10min"), ("on", "0")], settings
    finally:
        drop_postgres_schemas(schema)

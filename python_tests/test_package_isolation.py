"""Installing data_etudes as a package adds macros and tests, never nodes.

A throwaway consumer project installs this repository by `local:` path. Its
manifest must hold every macro and generic test of the package under the
`data_etudes` namespace, and none of the platform's or the etudes' models,
seeds, snapshots, tests or analyses, unless the consumer opts in from its own
dbt_project.yml (`models: {data_etudes: {+enabled: true}}`, and so on).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from etudes_support import drop_postgres_schemas, isolated_runner, require_target

from etudes.dbt_runner import DbtRunner, Invocation

REPO_ROOT = Path(__file__).resolve().parents[1]
MACRO_DEFINITION = re.compile(r"{%-?\s*(macro|test)\s+([A-Za-z0-9_]+)\s*\(")


def package_macro_ids() -> set[str]:
    """The unique ids dbt gives to every public macro and test of the package."""
    ids = set()
    for path in (REPO_ROOT / "macros").rglob("*.sql"):
        for kind, name in MACRO_DEFINITION.findall(path.read_text()):
            if path.parts[-2] == "project":
                continue  # project-only overrides (e.g. schema naming) are not the package's API
            ids.add(f"macro.data_etudes.{'test_' if kind == 'test' else ''}{name}")
    return ids


CONSUMER_PROFILE = """
consumer:
  target: {target}
  outputs:
    duckdb:
      type: duckdb
      path: "{tmp}/consumer.duckdb"
      schema: main
    postgres:
      type: postgres
      host: 127.0.0.1
      port: 5432
      user: postgres
      password: ""
      dbname: postgres
      schema: {schema}
"""


@dataclass
class Consumer:
    path: Path
    runner: DbtRunner

    def invoke(self, verb: str) -> Invocation:
        result = self.runner.deps() if verb == "deps" else self.runner.invoke(verb)
        assert result.success, f"dbt {verb} failed in the consumer project: {result.describe_failure()}"
        return result

    def manifest(self) -> dict:
        return json.loads((self.runner.context.target_path / "manifest.json").read_text())


@pytest.fixture(params=["duckdb", "postgres"])
def consumer(request, tmp_path: Path, monkeypatch) -> Iterator[Consumer]:
    target = request.param
    require_target(target)
    schema = f"consumer_{uuid.uuid4().hex[:8]}"  # its own PostgreSQL schema, dropped afterwards
    project = tmp_path / "consumer"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(
        "name: consumer\nversion: '1.0'\nconfig-version: 2\nprofile: consumer\n"
    )
    (project / "profiles.yml").write_text(CONSUMER_PROFILE.format(target=target, tmp=tmp_path, schema=schema))
    (project / "packages.yml").write_text(f"packages:\n  - local: {REPO_ROOT}\n")
    (project / "models" / "customer_emails.sql").write_text(
        "select 1 as customer_id, 'ana@example.com' as email\n"
        "union all\n"
        "select 2 as customer_id, null as email\n"
    )
    (project / "models" / "_models.yml").write_text(
        """
models:
  - name: customer_emails
    columns:
      - name: email
        data_tests:
          - data_etudes.null_rate:
              arguments:
                max_rate: 0.5
      - name: customer_id
        data_tests:
          - data_etudes.accepted_range:
              arguments:
                min_value: 1
                max_value: 2
"""
    )
    monkeypatch.chdir(project)
    yield Consumer(project, isolated_runner(project, project, target, project, {}))
    if target == "postgres":
        drop_postgres_schemas(schema)


def test_consumer_gets_every_macro_and_no_node(consumer: Consumer) -> None:
    consumer.invoke("deps")
    build = consumer.invoke("build")  # the consumer's own model and the package's tests on it
    # data_etudes records its own runs with an on-run-end hook; dbt runs only the root project's
    # hooks, so the consumer's run executes none of the package's (and keeps no run log).
    assert [n.name for n in build.nodes if n.resource_type == "operation"] == [], build.nodes

    parsed = consumer.manifest()
    expected_macros = package_macro_ids()
    assert expected_macros, "found no macro in macros/: the package would be empty"
    missing = expected_macros - set(parsed["macros"])
    assert not missing, f"macros not callable as data_etudes.<name> in the consumer: {sorted(missing)}"

    package_nodes = [
        node_id
        for section in ("nodes", "sources", "exposures", "unit_tests")
        for node_id, node in parsed.get(section, {}).items()
        if node["package_name"] == "data_etudes"
    ]
    assert package_nodes == [], f"installing the package added nodes to the consumer's DAG: {package_nodes[:10]}"
    consumer_tests = [n for n in parsed["nodes"].values() if n["resource_type"] == "test"]
    assert {t["test_metadata"]["namespace"] for t in consumer_tests} == {"data_etudes"}


@pytest.mark.parametrize("consumer", ["duckdb"], indirect=True)  # a parse-time property: one engine proves it
def test_consumer_can_opt_in_to_the_platform(consumer: Consumer) -> None:
    opt_in = "".join(
        f"{resource}:\n  data_etudes:\n    +enabled: true\n" for resource in ("models", "seeds", "snapshots", "data_tests", "sources")
    )
    project_file = consumer.path / "dbt_project.yml"
    project_file.write_text(project_file.read_text() + opt_in)
    consumer.invoke("deps")
    consumer.invoke("parse")

    resource_types = {
        node["resource_type"]
        for node in consumer.manifest()["nodes"].values()
        if node["package_name"] == "data_etudes"
    }
    assert {"model", "seed", "snapshot", "test"} <= resource_types

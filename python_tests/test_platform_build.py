"""The capstone platform builds and passes every check, on DuckDB and on PostgreSQL.

Each engine runs in its own DuckDB file, schema prefix and target folder
(CONTRIBUTING.md, Isolation), with dbt's in-process runner: `dbt seed`, then
`dbt build` of everything but the seeds and the etudes. Every node must
succeed, and the known-answer checks of every mart must be among them.

The build selects what it runs (models, snapshots, tests) rather than
excluding the seeds: dbt's exclusion is greedy, so `--exclude resource_type:seed`
would also drop every test that reads a seed, that is every known-answer check. A second test replays the customers snapshot over two cutoffs and
compares its history with the oracle's replay of dbt's timestamp strategy.

PostgreSQL is expected at 127.0.0.1:5432 (user postgres). When it is
unreachable the PostgreSQL cases skip on a laptop, and fail when CI is set.
"""

from __future__ import annotations

import csv
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from etudes_support import isolated_runner, require_target

from etudes.dbt_runner import DbtRunner, NodeResult
from etudes.engine import ETUDES_DEMO_EXCLUDE, ETUDES_DEMO_SELECT, PLATFORM_EXCLUDE, PLATFORM_SELECT
from etudes.warehouse import Warehouse
from oracle.answers.platform import customer_tier_versions
from oracle.raw import RawTables
from oracle.shop import Shop
from oracle.snapshots import replay_timestamp_snapshot

REPO = Path(__file__).resolve().parents[1]

ENGINES = ("duckdb", "postgres")
MARTS = ("orders", "customers", "products", "daily_revenue", "category_revenue")
KNOWN_ANSWER_CHECKS = (
    "every_order_matches_known_answers",
    "customer_lifetime_value_matches_known_answers",
    "product_sales_match_known_answers",
    "daily_revenue_matches_known_answers",
    "category_revenue_matches_known_answers",
    "current_customer_tiers_match_known_answers",
    "category_revenue_adds_up_to_daily_item_revenue",
    "category_revenue_adds_up_to_product_revenue",
)
# The project's own gates (etudes/project.toml, project_checks): the build runs them like any test.
PROJECT_GATES = ("no_model_reads_the_known_answers",)
PASSING = {"success", "pass", "no-op"}  # an exposure has nothing to run: `no-op`
BUILD_WITHOUT_SEEDS_AND_ETUDES = ("--select", *PLATFORM_SELECT, "--exclude", *PLATFORM_EXCLUDE)  # as `make demo` builds


def oracle_row_count(seed: str) -> int:
    with (REPO / "seeds" / "expected" / f"{seed}.csv").open(newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@dataclass
class Platform:
    """dbt in-process against the root project, isolated to one engine, file, schema and target folder."""

    engine: str
    tmp: Path
    schema: str
    duckdb_path: Path = field(init=False)
    runner: DbtRunner = field(init=False)
    warehouse: Warehouse = field(init=False)

    def __post_init__(self) -> None:
        self.duckdb_path = self.tmp / "platform.duckdb"
        env = {
            "DATA_ETUDES_TARGET": self.engine,
            "DATA_ETUDES_DUCKDB_PATH": str(self.duckdb_path),
            "DATA_ETUDES_SCHEMA": self.schema,
        }
        self.runner = isolated_runner(REPO, REPO, self.engine, self.tmp, env)
        self.warehouse = Warehouse.from_env(self.engine, {**os.environ, **env})

    def invoke(self, verb: str, *args: str, variables: dict[str, str] | None = None) -> tuple[NodeResult, ...]:
        result = self.runner.invoke(verb, args=args, variables=variables)
        command = " ".join((verb, *args))
        assert result.error is None, f"dbt {command} raised on {self.engine}: {result.error}"
        failed = [f"{node.unique_id}: {node.status} ({node.message})" for node in result.nodes if node.status not in PASSING]
        assert not failed, f"dbt {command} on {self.engine}, nodes that did not succeed:\n" + "\n".join(failed)
        assert result.success, f"dbt {command} reported failure on {self.engine}"
        return result.nodes

    def query(self, sql: str) -> list[tuple]:
        return list(self.warehouse.query(sql).rows)

    def drop_schemas(self) -> None:
        self.warehouse.drop_schemas(self.schema)


@pytest.fixture(params=ENGINES)
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    require_target(request.param)
    built = Platform(request.param, tmp_path, f"platform_test_{uuid.uuid4().hex[:10]}")
    yield built
    built.drop_schemas()


def test_the_platform_builds_and_every_check_passes(platform: Platform):
    seeds = platform.invoke("seed")
    assert {node.name for node in seeds} >= {"raw_customers", "raw_orders", "expected_orders"}

    built = platform.invoke("build", *BUILD_WITHOUT_SEEDS_AND_ETUDES)
    assert not [node.name for node in built if node.resource_type == "seed"]

    names = {node.name for node in built}
    missing = [name for name in (*MARTS, "customers_snapshot", *KNOWN_ANSWER_CHECKS, *PROJECT_GATES) if name not in names]
    assert not missing, f"not built or not run on {platform.engine}: {missing}"
    kinds = {node.resource_type for node in built}
    assert {"model", "test", "snapshot"} <= kinds
    assert sum(1 for node in built if node.resource_type == "test") >= 100

    # The marts hold the shop's data (as many rows as the oracle's answers), not an empty
    # result that an empty expected seed would trivially match.
    counts = {
        mart: platform.query(f"select count(*) from {platform.schema}_marts.{mart}")[0][0] for mart in MARTS
    }
    expected_counts = {mart: oracle_row_count(f"expected_{mart}") for mart in MARTS}
    assert counts == expected_counts
    assert min(counts.values()) >= 100


def test_docs_generate_documents_the_capstone_after_the_demo_build(platform: Platform):
    """What the README says a newcomer runs after `make demo`: the documentation site's catalog and
    lineage hold the capstone's models, its snapshot and the exposures that read them."""
    platform.invoke("seed")
    platform.invoke("build", *BUILD_WITHOUT_SEEDS_AND_ETUDES, "--exclude", "resource_type:test")
    platform.invoke("build", "--select", *ETUDES_DEMO_SELECT, "--exclude", *ETUDES_DEMO_EXCLUDE)  # as `make demo`
    platform.invoke("docs generate")
    target = platform.runner.context.target_path
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    documented = {node["metadata"]["name"] for node in catalog["nodes"].values()}
    capstone = {"dme_011__order_loads", "dme_011__order_revenue", "dme_011__marketing_audience"}
    assert capstone <= documented, sorted(capstone - documented)
    assert "dme_011__customer_tier_history" in documented
    exposures = {e["name"]: e["depends_on"]["nodes"] for e in manifest["exposures"].values()}
    assert "model.data_etudes.dme_011__marketing_audience" in exposures.get("marketing_audience_sync", []), exposures


def test_the_customers_snapshot_replays_tier_history_as_the_oracle_does(platform: Platform):
    cutoffs = [datetime(2024, 6, 30), datetime(2025, 1, 1), None]
    platform.invoke("seed", "--select", "raw_customers")
    for cutoff in cutoffs:
        # the var shapes the snapshot's source view, so each run rebuilds the view, then snapshots it
        variables = None if cutoff is None else {"customers_as_of": f"{cutoff:%Y-%m-%d %H:%M:%S}"}
        platform.invoke("build", "--select", "+customers_snapshot", "--exclude", "resource_type:test", variables=variables)

    history = platform.query(
        f"select customer_id, tier, dbt_valid_from, dbt_valid_to from {platform.schema}_snapshots.customers_snapshot"
    )
    shop = Shop(RawTables(REPO / "seeds"))
    expected = [
        (row.key, row.payload[1], row.valid_from, row.valid_to)
        for row in replay_timestamp_snapshot(customer_tier_versions(shop), cutoffs)
    ]
    assert sorted(history) == sorted(expected)
    closed = [row for row in expected if row[3] is not None]
    assert len(closed) > 10, "the cutoffs should leave tier changes in the history"

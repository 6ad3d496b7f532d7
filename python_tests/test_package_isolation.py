"""Installing data_etudes as a package adds macros and tests, and changes nothing else.

The consumer is shaped like dbt Labs' jaffle shop, whose names are also ours: models `orders`,
`customers`, `stg_orders`, seeds `raw_customers`, `raw_orders`, `raw_payments` (an integer
`order_id`), with its own contracts and tests. It is built twice, without and with the package
installed by `local:` path, on DuckDB and PostgreSQL and on both dbt versions the package supports;
the two builds must hold the same nodes with the same configs, contracts and dependencies, the same
column types and the same rows, and parsing with the package must print no warning of its own.
"""

from __future__ import annotations

import json
import re
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from etudes_support import (
    DBT_VERSIONS,
    dbt_executable,
    drop_postgres_schemas,
    invoke_reading_errors,
    isolated_runner,
    require_target,
)

from etudes.dbt_runner import DbtRunner, Invocation
from etudes.warehouse import Warehouse

REPO_ROOT = Path(__file__).resolve().parents[1]
MACRO_DEFINITION = re.compile(r"{%-?\s*(macro|test)\s+([A-Za-z0-9_]+)\s*\(")


def package_macro_ids() -> set[str]:
    """The unique ids dbt gives to every public macro and test of the package."""
    ids = set()
    for path in (REPO_ROOT / "macros").rglob("*.sql"):
        for kind, name in MACRO_DEFINITION.findall(path.read_text()):
            if path.parts[-2] == "project":
                continue  # the platform's own hooks (failure injection) are not the package's API
            ids.add(f"macro.data_etudes.{'test_' if kind == 'test' else ''}{name}")
    return ids


PROFILE = """
jaffle_shop:
  target: {target}
  outputs:
    duckdb:
      type: duckdb
      path: "{path}/jaffle_shop.duckdb"
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

SEEDS = {
    "raw_customers.csv": "id,first_name,last_name\n1,Michael,P.\n2,Shawn,M.\n3,Kathleen,P.\n",
    "raw_orders.csv": (
        "id,user_id,order_date,status\n1,1,2018-01-01,returned\n2,3,2018-01-02,completed\n"
        "3,1,2018-01-04,completed\n4,2,2018-01-05,placed\n"
    ),
    "raw_payments.csv": (
        "id,order_id,payment_method,amount\n1,1,credit_card,1000\n2,2,credit_card,2000\n"
        "3,3,coupon,100\n4,3,bank_transfer,2500\n5,4,coupon,1700\n"
    ),
}

MODELS = {
    "staging/stg_customers.sql": "select id as customer_id, first_name, last_name from {{ ref('raw_customers') }}\n",
    "staging/stg_orders.sql": (
        "select id as order_id, user_id as customer_id, order_date, status from {{ ref('raw_orders') }}\n"
    ),
    "staging/stg_payments.sql": (
        "select id as payment_id, order_id, payment_method, amount as amount_cents from {{ ref('raw_payments') }}\n"
    ),
    "orders.sql": """with orders as (select * from {{ ref('stg_orders') }}),
payments as (select * from {{ ref('stg_payments') }}),
order_payments as (
    select order_id, cast(sum(amount_cents) as bigint) as amount_cents
    from payments
    group by order_id
)
select
    orders.order_id,
    orders.customer_id,
    orders.order_date,
    orders.status,
    order_payments.amount_cents
from orders
left join order_payments on orders.order_id = order_payments.order_id
""",
    "customers.sql": """with customers as (select * from {{ ref('stg_customers') }}),
orders as (select * from {{ ref('orders') }}),
customer_orders as (
    select
        customer_id,
        min(order_date) as first_order,
        cast(count(*) as bigint) as number_of_orders,
        cast(sum(amount_cents) as bigint) as lifetime_value_cents
    from orders
    group by customer_id
)
select
    customers.customer_id,
    customers.first_name,
    customers.last_name,
    customer_orders.first_order,
    customer_orders.number_of_orders,
    customer_orders.lifetime_value_cents
from customers
left join customer_orders on customers.customer_id = customer_orders.customer_id
""",
    "schema.yml": """version: 2
models:
  - name: orders
    config:
      contract: {enforced: true}
    columns:
      - name: order_id
        data_type: integer
        constraints: [{type: not_null}]
        data_tests: [unique, not_null]
      - name: customer_id
        data_type: integer
        data_tests:
          - relationships:
              arguments: {to: ref('customers'), field: customer_id}
      - name: order_date
        data_type: date
      - name: status
        data_type: text
        data_tests:
          - accepted_values:
              arguments: {values: [placed, shipped, completed, returned]}
      - name: amount_cents
        data_type: bigint
  - name: customers
    config:
      contract: {enforced: true}
    columns:
      - name: customer_id
        data_type: integer
        data_tests: [unique, not_null]
      - name: first_name
        data_type: text
      - name: last_name
        data_type: text
      - name: first_order
        data_type: date
      - name: number_of_orders
        data_type: bigint
      - name: lifetime_value_cents
        data_type: bigint
  - name: stg_orders
    columns:
      - name: order_id
        data_tests: [unique]
""",
}

# The package's own tests on the consumer's models, for the test that they are callable.
PACKAGE_TESTS = """version: 2
models:
  - name: stg_payments
    columns:
      - name: amount_cents
        data_tests:
          - data_etudes.accepted_range:
              arguments: {min_value: 0, max_value: 100000}
      - name: payment_method
        data_tests:
          - data_etudes.null_rate:
              arguments: {max_rate: 0}
"""


@dataclass
class Consumer:
    path: Path
    runner: DbtRunner
    warehouse: Warehouse
    schema: str

    def invoke(self, verb: str) -> Invocation:
        result = self.runner.deps() if verb == "deps" else self.runner.invoke(verb)
        assert result.success, f"dbt {verb} failed in the consumer project: {result.describe_failure()}"
        return result

    def warnings(self) -> list[str]:
        """What dbt warned about while parsing the project from scratch."""
        result, _ = invoke_reading_errors(self.runner, "parse", "--no-partial-parse")
        assert result.success, result.describe_failure()
        log = (self.runner.context.log_path / "dbt.log").read_text(encoding="utf-8", errors="replace")
        last_parse = log[log.rindex("Running with dbt") :]
        return sorted(set(re.findall(r"\[warn\s*\] \[[^\]]*\]: (.*)", last_parse)))

    def manifest(self) -> dict[str, Any]:
        return json.loads((self.runner.context.target_path / "manifest.json").read_text())

    def nodes(self) -> dict[str, dict[str, Any]]:
        """Every node of the DAG with what a package could change about it."""
        manifest = self.manifest()
        described = {}
        for section in ("nodes", "sources", "exposures", "unit_tests", "metrics", "semantic_models", "saved_queries"):
            for unique_id, node in manifest.get(section, {}).items():
                described[unique_id] = {
                    key: node.get(key)
                    for key in ("package_name", "config", "columns", "contract", "constraints", "depends_on",
                                "patch_path", "checksum", "test_metadata", "raw_code")
                }  # fmt: skip
        return described

    def tables(self) -> dict[str, Any]:
        """Each relation's columns with their types, and its rows."""
        schema = "main" if self.warehouse.target == "duckdb" else self.schema
        columns = self.warehouse.query(
            "select table_name, column_name, data_type from information_schema.columns "
            f"where table_schema = '{schema}' order by table_name, ordinal_position"
        ).rows
        tables: dict[str, Any] = {}
        for table, column, data_type in columns:
            tables.setdefault(table, {"columns": []})["columns"].append((column, data_type))
        for table, described in tables.items():
            described["rows"] = sorted(map(repr, self.warehouse.query(f'select * from "{schema}"."{table}"').rows))
        return tables


def write_consumer(path: Path, target: str, schema: str, with_package: bool) -> None:
    for name, text in {**{f"seeds/{k}": v for k, v in SEEDS.items()}, **{f"models/{k}": v for k, v in MODELS.items()}}.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    (path / "dbt_project.yml").write_text(
        "name: jaffle_shop\nversion: '1.0'\nconfig-version: 2\nprofile: jaffle_shop\n"
    )
    (path / "profiles.yml").write_text(PROFILE.format(target=target, path=path, schema=schema))
    if with_package:
        (path / "packages.yml").write_text(f"packages:\n  - local: {REPO_ROOT}\n")


def make_consumer(tmp: Path, target: str, version: str, with_package: bool) -> Consumer:
    schema = f"jaffle_{uuid.uuid4().hex[:8]}"
    path = tmp / ("with_package" if with_package else "without_package")
    write_consumer(path, target, schema, with_package)
    env = {"DATA_ETUDES_DUCKDB_PATH": str(path / "jaffle_shop.duckdb"), "DATA_ETUDES_SCHEMA": schema}
    runner = isolated_runner(path, path, target, path, {}, dbt_executable(version))
    return Consumer(path, runner, Warehouse.from_env(target, env), schema)


VERSIONED_ENGINES = [(engine, version) for version in DBT_VERSIONS for engine in ("duckdb", "postgres")]


@pytest.fixture(params=VERSIONED_ENGINES, ids=[f"{engine}-dbt{version}" for engine, version in VERSIONED_ENGINES])
def consumers(request, tmp_path: Path) -> Iterator[tuple[Consumer, Consumer]]:
    target, version = request.param
    require_target(target)
    pair = (make_consumer(tmp_path, target, version, False), make_consumer(tmp_path, target, version, True))
    yield pair
    if target == "postgres":
        for consumer in pair:
            drop_postgres_schemas(consumer.schema)


def test_installing_the_package_changes_nothing_in_a_jaffle_shop(consumers: tuple[Consumer, Consumer]) -> None:
    without, with_package = consumers
    with_package.invoke("deps")
    assert with_package.warnings() == without.warnings(), "the package made dbt warn while parsing the consumer"

    built = {}
    for consumer in consumers:
        build = consumer.invoke("build")
        built[consumer.path.name] = sorted((n.unique_id, n.status) for n in build.nodes)
    assert built["with_package"] == built["without_package"], "the builds ran different nodes or ended differently"
    assert len(built["without_package"]) == 5 + 3 + 7, built  # models, seeds, tests: the consumer's own

    nodes_without, nodes_with = without.nodes(), with_package.nodes()
    assert sorted(nodes_with) == sorted(nodes_without), "installing the package added or removed nodes"
    changed = [unique_id for unique_id in nodes_without if nodes_with[unique_id] != nodes_without[unique_id]]
    assert not changed, f"installing the package changed these nodes' configs or properties: {changed}"

    tables_without, tables_with = without.tables(), with_package.tables()
    assert set(tables_without) >= {"orders", "customers", "stg_orders", "raw_payments"}, sorted(tables_without)
    assert tables_with == tables_without, "installing the package changed column types or rows"
    payments_order_id = dict(tables_without["raw_payments"]["columns"])["order_id"]
    assert payments_order_id.lower() in {"integer", "bigint", "int4", "int8"}, payments_order_id


@pytest.mark.parametrize("consumers", [("duckdb", "1.11")], indirect=True)  # a parse-time property: one engine
def test_consumer_gets_every_macro_and_test(consumers: tuple[Consumer, Consumer]) -> None:
    _, consumer = consumers
    (consumer.path / "models" / "_package_tests.yml").write_text(PACKAGE_TESTS)
    consumer.invoke("deps")
    build = consumer.invoke("build")
    package_tests = {n.name for n in build.nodes if n.resource_type == "test" and "data_etudes" in n.name}
    assert len(package_tests) == 2 and all(n.status == "pass" for n in build.nodes if n.resource_type == "test")
    # The package's on-run-end hook (its own run log) belongs to its platform: no hook runs here.
    assert [n.name for n in build.nodes if n.resource_type == "operation"] == [], build.nodes

    expected_macros = package_macro_ids()
    assert expected_macros, "found no macro in macros/: the package would be empty"
    missing = expected_macros - set(consumer.manifest()["macros"])
    assert not missing, f"macros not callable as data_etudes.<name> in the consumer: {sorted(missing)}"


@pytest.mark.parametrize("consumers", [("duckdb", "1.11")], indirect=True)
def test_consumer_can_opt_in_to_the_platform(consumers: tuple[Consumer, Consumer]) -> None:
    _, consumer = consumers
    consumer.invoke("deps")
    result = consumer.runner.invoke("parse", env={"DATA_ETUDES_BUILD_PLATFORM": "true"})
    assert result.success, result.describe_failure()
    resource_types = {
        node["resource_type"] for node in consumer.manifest()["nodes"].values() if node["package_name"] == "data_etudes"
    }
    assert {"model", "seed", "snapshot", "test"} <= resource_types


@pytest.mark.parametrize("consumers", [("duckdb", "1.11")], indirect=True)
def test_readme_git_install_snippet_installs_the_package(consumers: tuple[Consumer, Consumer]) -> None:
    """The README's `git:` form, with this repository as the git URL and its last commit as `revision`."""
    _, consumer = consumers
    commit = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (consumer.path / "packages.yml").write_text(
        f'packages:\n  - git: "file://{REPO_ROOT}"\n    revision: {commit}\n'
    )
    consumer.invoke("deps")
    assert (consumer.path / "dbt_packages" / "data_etudes" / "dbt_project.yml").is_file()
    consumer.invoke("parse")
    missing = package_macro_ids() - set(consumer.manifest()["macros"])
    assert not missing, f"macros missing after a git install: {sorted(missing)}"

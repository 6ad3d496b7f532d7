"""Whole-project reliability: the solved project is idempotent, recoverable, and builds empty.

The solved project is a scratch copy of the repository (every etude as shipped, from the
snapshot) with the reference solution of every available etude overlaid, through the engine's
own ScratchSession and overlay: the suite's shared copy per engine (conftest's etude_session),
seeded afresh, the overlay undone afterwards. Then, in order, on DuckDB and PostgreSQL:

(a) Idempotency: two builds of the models and snapshots, the first with --full-refresh. After
    each, every relation of the run's schemas (seeds, tables, views, snapshots) gets an
    order-insensitive content hash computed in SQL: the row count and the sum of a 64-bit hash
    of each whole row. A sum, not a bit_xor, so duplicates count (a multiset: two copies of a
    row do not cancel), and the row hash covers NULLs (NULL hashes differently from 'NULL' or
    ''). Both builds must leave every relation identical.
(b) Recovery: for each incremental model (config.materialized == 'incremental' in the
    manifest), a build of the model and its dependants in which the model is written and then
    fails (the project's post-hook fail_after_write, macros/project/failure_injection.sql, run
    after the commit when DATA_ETUDES_FAIL_AFTER_WRITE names it), so the dependants are skipped;
    then the same build without the failure. The model and its dependants must then equal the
    clean build (the first build of (a)). The failed run must really have written the model: on
    PostgreSQL, rows carry the failed run's transaction id (xmin); on DuckDB, the table's
    storage blocks changed.
(c) `dbt build --empty` of the models, snapshots and data tests passes (ref and source render
    as zero-row subqueries); left out are the checks of etudes not yet available (traps without
    a solution, failing by design) and plan tests (plan_forbids needs real rows and statistics).

A failure names the relation, the row counts and the columns that differ, so an etude whose
solution is not idempotent is identified without reading the warehouse by hand.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from etudes_support import REPO, TARGETS, require_target

from etudes.dbt_runner import DbtContext, DbtRunner, Invocation
from etudes.engine import ScratchSession
from etudes.scenarios import RUN_LOG_TABLE
from etudes.warehouse import Warehouse
from etudes.workspace import Project, solution_files

BUILD_SELECT = ("resource_type:model", "resource_type:snapshot")
EMPTY_SELECT = ("resource_type:model", "resource_type:snapshot", "resource_type:test")
FAIL_AFTER_WRITE = "DATA_ETUDES_FAIL_AFTER_WRITE"
INJECTED = "failure injected after"
# One thread on DuckDB: with two, dbt-duckdb's index lookup after a table build (duckdb_indexes())
# can hit a table another thread is renaming to __dbt_backup and dropping ("Catalog Error: Table
# with name dme_008__orders__dbt_backup does not exist"), a flake of the adapter, not of the data.
THREADS = {"duckdb": ("--threads", "1"), "postgres": ()}

# Columns whose values legitimately depend on when a run happened, by relation (schema suffix
# and name, as reported below); they are left out of the row hash. None today: the only
# snapshot uses the timestamp strategy (dbt_valid_from and dbt_updated_at are the CRM's own
# updated_at_utc, not the run time), and the root project records no run log.
RUN_DEPENDENT_COLUMNS: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Content:
    """A relation's contents as a multiset: row count, sum of row hashes, and per column."""

    rows: int
    row_hash: str
    column_hashes: dict[str, str] = field(compare=False)


@dataclass
class Solved:
    """The solved project on one engine: how to run dbt there and read what it wrote."""

    target: str
    session: ScratchSession
    runner: DbtRunner
    warehouse: Warehouse
    schema: str
    timings: dict[str, float] = field(default_factory=dict)

    def invoke(self, label: str, verb: str, **kwargs: Any) -> Invocation:
        invocation = self.runner.invoke(verb, **kwargs)
        self.timings[label] = self.timings.get(label, 0.0) + invocation.seconds
        return invocation

    def manifest(self) -> dict[str, Any]:
        return json.loads((self.runner.context.target_path / "manifest.json").read_text(encoding="utf-8"))


# --- reading the warehouse ----------------------------------------------------------------


def _connect(solved: Solved) -> Any:
    wh = solved.warehouse
    if solved.target == "duckdb":
        import duckdb

        return duckdb.connect(str(wh.duckdb_path), read_only=True)
    import psycopg2

    connection = psycopg2.connect(
        host=wh.pg_host, port=wh.pg_port, user=wh.pg_user, password=wh.pg_password, dbname=wh.pg_database
    )
    connection.autocommit = True
    return connection


def _fetch(connection: Any, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    cursor = connection.cursor()
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _label(solved: Solved, schema: str, name: str) -> str:
    """A relation's name without the scratch copy's random schema prefix: `<schema>_etudes.x`."""
    return f"<schema>{schema[len(solved.schema) :]}.{name}"


def _relations(solved: Solved, connection: Any) -> dict[str, tuple[str, str, list[str]]]:
    """Every table and view in the run's schemas: label -> (schema, name, columns in order)."""
    catalog_filter = "table_catalog = current_database()"
    rows = _fetch(
        connection,
        "select table_schema, table_name, column_name from information_schema.columns "
        f"where {catalog_filter} order by table_schema, table_name, ordinal_position",
    )
    relations: dict[str, tuple[str, str, list[str]]] = {}
    for schema, name, column in rows:
        if schema != solved.schema and not schema.startswith(solved.schema + "_"):
            continue
        if name == RUN_LOG_TABLE:
            continue  # the run log records each run (its ids and timings): it grows by design
        relations.setdefault(_label(solved, schema, name), (schema, name, []))[2].append(column)
    return relations


def _hash_sql(target: str, relation: str, row_columns: list[str], columns: list[str]) -> str:
    """count(*), the sum of a 64-bit hash per row, and the same per column, in one scan."""
    if target == "duckdb":

        def summed(expressions: list[str]) -> str:
            return f"cast(coalesce(sum(hash({', '.join(expressions)})), 0) as varchar)"

    else:

        def summed(expressions: list[str]) -> str:
            row = f"row({', '.join(expressions)})::text"
            return f"coalesce(sum(('x' || left(md5({row}), 16))::bit(64)::bigint::numeric), 0)::text"

    quoted = [_quote(c) for c in columns]
    row_quoted = [_quote(c) for c in row_columns] or ["1"]
    parts = ["count(*)", summed(row_quoted), *(summed([q]) for q in quoted)]
    return f"select {', '.join(parts)} from {relation}"


def contents(solved: Solved) -> dict[str, Content]:
    """The content hash of every relation in the run's schemas."""
    connection = _connect(solved)
    try:
        found = {}
        for label, (schema, name, columns) in sorted(_relations(solved, connection).items()):
            excluded = RUN_DEPENDENT_COLUMNS.get(label, frozenset())
            row_columns = [c for c in columns if c not in excluded]
            relation = f"{_quote(schema)}.{_quote(name)}"
            (row,) = _fetch(connection, _hash_sql(solved.target, relation, row_columns, columns))
            found[label] = Content(int(row[0]), str(row[1]), dict(zip(columns, map(str, row[2:]), strict=True)))
        return found
    finally:
        connection.close()


def differences(before: dict[str, Content], after: dict[str, Content], only: set[str] | None = None) -> list[str]:
    """One line per relation that differs: its row counts and the columns whose values changed."""
    lines = []
    for label in sorted(set(before) | set(after)):
        if only is not None and label not in only:
            continue
        old, new = before.get(label), after.get(label)
        if old is None or new is None:
            lines.append(f"{label}: {'appeared' if old is None else 'disappeared'}")
        elif old != new:
            changed = sorted(c for c in new.column_hashes if old.column_hashes.get(c) != new.column_hashes[c])
            lines.append(f"{label}: {old.rows} rows -> {new.rows} rows; columns whose values differ: {changed}")
    return lines


def write_marker(solved: Solved, schema: str, name: str) -> Any:
    """Something that changes whenever rows are written to the table.

    PostgreSQL: the newest transaction id among its rows (xmin). DuckDB: the storage blocks
    holding it (a committed write stores the changed row groups in new blocks).
    """
    connection = _connect(solved)
    try:
        if solved.target == "postgres":
            relation = f"{_quote(schema)}.{_quote(name)}"
            return _fetch(connection, f"select max(xmin::text::bigint) from {relation}")[0][0]
        rows = _fetch(connection, f"select block_id from pragma_storage_info('{schema}.{name}')")
        return sorted({block for (block,) in rows})
    finally:
        connection.close()


# --- the solved project -------------------------------------------------------------------


@pytest.fixture(params=TARGETS)
def solved(request: pytest.FixtureRequest, etude_session: Callable[[str], ScratchSession]) -> Iterator[Solved]:
    """The engine's shared seeded scratch copy (conftest), with every available solution overlaid."""
    target = request.param
    require_target(target)
    session = etude_session(target)
    project = session.project
    overlay = {}
    for etude in project.catalog().available:
        overlay.update(solution_files(Project(REPO), etude))
    isolation = session.scratch.isolation
    assert isolation is not None and isolation.schema
    context = DbtContext(
        project_dir=project.root,
        profiles_dir=project.profiles_dir(session.environ),
        target=target,
        target_path=isolation.target_path,
        log_path=isolation.log_path,
        env=isolation.env(),
    )
    warehouse = Warehouse.from_env(target, {**session.environ, **context.env})
    solved = Solved(target, session, DbtRunner(context), warehouse, isolation.schema)
    started = time.perf_counter()
    session.seed()  # the shared session may hold other tests' runs: start from freshly loaded seeds
    solved.timings["seed"] = time.perf_counter() - started
    with session.scratch.overlay(overlay):
        yield solved


def build(solved: Solved, label: str, full_refresh: bool = False) -> dict[str, Content]:
    args = [*THREADS[solved.target], *(["--full-refresh"] if full_refresh else [])]
    invocation = solved.invoke(label, "build", select=BUILD_SELECT, args=args)
    assert invocation.success, f"{label} of the solved project failed: {invocation.describe_failure()[:600]}"
    return contents(solved)


def incremental_models(solved: Solved) -> dict[str, tuple[str, str, set[str]]]:
    """name -> (schema, identifier, labels of the model and of every model/snapshot downstream)."""
    manifest = solved.manifest()
    nodes, children = manifest["nodes"], manifest["child_map"]
    found = {}
    for unique_id, node in sorted(nodes.items()):
        if node["resource_type"] != "model" or node["config"].get("materialized") != "incremental":
            continue
        downstream, pending = set(), [unique_id]
        while pending:
            current = pending.pop()
            if current in downstream or current not in nodes:
                continue
            if nodes[current]["resource_type"] in {"model", "snapshot"}:
                downstream.add(current)
                pending.extend(children.get(current, []))
        labels = {_label(solved, nodes[n]["schema"], nodes[n]["alias"]) for n in downstream}
        found[node["name"]] = (node["schema"], node["alias"], labels)
    return found


def recovery_problems(solved: Solved, clean: dict[str, Content]) -> tuple[list[str], list[str]]:
    """Fail each incremental model after it is written, run again: it and its dependants equal the clean build."""
    problems, checked = [], []
    for name, (schema, identifier, labels) in incremental_models(solved).items():
        checked.append(name)
        select = (f"{name}+,resource_type:model", f"{name}+,resource_type:snapshot")
        before = write_marker(solved, schema, identifier)
        threads = THREADS[solved.target]
        failed = solved.invoke("recovery", "build", select=select, args=threads, env={FAIL_AFTER_WRITE: identifier})
        node = failed.node(name)
        if failed.success or node is None or not node.failed or INJECTED not in node.message:
            problems.append(f"{name}: the injected failure did not fail it ({failed.describe_failure()[:300]})")
            continue
        # The project's on-run-end hook (the run log) runs after every run, a failed one too.
        not_skipped = sorted(
            n.name for n in failed.nodes if n.name != name and not n.skipped and n.resource_type != "operation"
        )
        if not_skipped:
            problems.append(f"{name}: dependants ran despite the failure: {not_skipped}")
        if write_marker(solved, schema, identifier) == before:
            problems.append(f"{name}: the failed run wrote nothing, so it tested no recovery")
        rerun = solved.invoke("recovery", "build", select=select, args=threads)
        if not rerun.success:
            problems.append(f"{name}: the run after the failure failed: {rerun.describe_failure()[:300]}")
            continue
        problems += [f"{name}, then {line}" for line in differences(clean, contents(solved), only=labels)]
    return checked, problems


def test_solved_project_is_idempotent_recoverable_and_builds_empty(solved: Solved, request) -> None:
    started = time.perf_counter()
    problems: list[str] = []

    clean = build(solved, "build 1 (clean)", full_refresh=True)
    assert clean, "the solved project's build wrote no relation in its schemas"
    again = build(solved, "build 2")
    problems += [f"(a) built twice, {line}" for line in differences(clean, again)]

    checked, recovery = recovery_problems(solved, clean)
    assert checked, "the solved project has no incremental model: nothing to recover"
    problems += [f"(b) {line}" for line in recovery]

    # Left out: the checks of etudes not yet available (their trap ships without a solution: they fail
    # by design), and plan tests (plan_forbids judges the physical plan over real rows and statistics,
    # which a zero-row build cannot have).
    unsolved = [e for e in solved.session.project.catalog().etudes if not e.available]
    exclude = [s for e in unsolved for s in (f"path:{e.folder},resource_type:test", f"path:tests/etudes/{e.key}")]
    exclude.append("test_name:plan_forbids")
    empty = solved.invoke(
        "build --empty", "build", select=EMPTY_SELECT, exclude=exclude, args=[*THREADS[solved.target], "--empty"]
    )
    if not empty.success:
        problems.append(f"(c) dbt build --empty failed: {empty.describe_failure()[:600]}")

    timings = ", ".join(f"{label} {seconds:.1f} s" for label, seconds in solved.timings.items())
    summary = (
        f"{solved.target}: {len(clean)} relations, incremental {checked}; "
        f"{time.perf_counter() - started:.1f} s after seeding ({timings})"
    )
    request.node.user_properties.append(("reliability", summary))
    print(summary)
    assert not problems, f"{summary}\n" + "\n".join(problems)

"""The only module that knows dbt's Python API: in-process ``dbtRunner``, run results, the manifest.

Everything it returns is our own dataclasses, so the rest of the package speaks in terms of
nodes, statuses and rows. dbt is imported lazily: ``etudes list`` and ``etudes hint`` never pay
for it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etudes.errors import DbtCrashed, ProfileMissing, WarehouseLocked, WarehouseUnreachable
from etudes.warehouse import Rows

FAILED_STATUSES = frozenset({"error", "fail", "runtime error"})
SKIPPED_STATUSES = frozenset({"skipped"})


@dataclass(frozen=True)
class DbtContext:
    """Where and how dbt runs: project, profile, target, and the isolation of its outputs.

    ``env`` is applied to ``os.environ`` for the duration of each invocation (the profile reads
    ``DATA_ETUDES_DUCKDB_PATH`` and ``DATA_ETUDES_SCHEMA`` from there) and restored afterwards.
    """

    project_dir: Path
    profiles_dir: Path
    target: str
    target_path: Path
    log_path: Path
    env: Mapping[str, str] = field(default_factory=dict)
    # dbt vars every invocation runs with (a data variant's, e.g. DME-008's trading day); a step's
    # own vars are laid over them.
    vars: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NodeResult:
    unique_id: str
    name: str
    resource_type: str
    status: str
    message: str
    failures: int | None
    relation_name: str | None
    tags: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return self.status in FAILED_STATUSES

    @property
    def skipped(self) -> bool:
        return self.status in SKIPPED_STATUSES


@dataclass(frozen=True)
class Invocation:
    """The outcome of one dbt command."""

    command: tuple[str, ...]
    success: bool
    error: str | None
    nodes: tuple[NodeResult, ...]
    seconds: float
    invocation_id: str = ""
    # The error as dbt wrote it, lines kept (a YAML error's excerpt of the file); ``error`` is one line.
    error_detail: str = ""
    # The folder this command wrote its manifest and run results to; None when it wrote none
    # (``artifacts=False``, `dbt show`, `dbt deps`). The manifest readers read this invocation's.
    artifacts: Path | None = None

    @property
    def failed(self) -> frozenset[str]:
        return frozenset(n.name for n in self.nodes if n.failed)

    @property
    def skipped(self) -> frozenset[str]:
        return frozenset(n.name for n in self.nodes if n.skipped)

    @property
    def failed_tests(self) -> frozenset[str]:
        """The tests that failed: in a build, the gates that stopped what depends on them."""
        return frozenset(n.name for n in self.nodes if n.failed and n.resource_type in {"test", "unit_test"})

    def node(self, name: str) -> NodeResult | None:
        for node in self.nodes:
            if node.name == name:
                return node
        return None

    def describe_failure(self) -> str:
        if self.error:
            return self.error
        parts = [f"{n.name}: {n.message or n.status}" for n in self.nodes if n.failed]
        return "; ".join(parts) or "dbt reported failure"


@dataclass(frozen=True)
class TestNode:
    """A data test or unit test as the manifest describes it."""

    name: str
    unique_id: str
    resource_type: str
    description: str
    original_file_path: str


@dataclass(frozen=True)
class GraphNode:
    """A model, snapshot, seed, source or exposure as the manifest describes it, with its parents.

    ``name`` is what a person reads: a source is ``<source>.<table>``, a model version
    ``<model> v<version>``. ``depends_on`` holds the unique ids the node reads, sorted.
    """

    unique_id: str
    name: str
    resource_type: str
    original_file_path: str
    depends_on: tuple[str, ...]


GRAPH_RESOURCE_TYPES = frozenset({"model", "snapshot", "seed"})
# The configs of a data test that change its verdict or what it stores.
VERDICT_CONFIGS = ("enabled", "severity", "where", "limit", "fail_calc", "warn_if", "error_if", "store_failures")

ProgressCallback = Callable[[str], None]


class DbtRunner:
    """Runs dbt commands in this process for one DbtContext.

    With ``executable`` (the path of another installation's ``dbt``), each command runs in a
    process of its own instead, and its outcome is read from the run results and manifest it
    writes: how the suite proves the package on a dbt version other than the project's own.
    """

    def __init__(
        self, context: DbtContext, on_progress: ProgressCallback | None = None, executable: Path | None = None
    ) -> None:
        self.context = context
        self.on_progress = on_progress
        self.executable = executable

    def invoke(
        self,
        verb: str,
        select: Sequence[str] = (),
        exclude: Sequence[str] = (),
        args: Sequence[str] = (),
        variables: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        artifacts: bool = True,
    ) -> Invocation:
        """One dbt command. ``artifacts=False`` for a command whose manifest and run results nobody
        reads (a test run, a scenario step): dbt then writes no JSON, which is about a third of the
        cost of a small invocation (it writes manifest.json twice); the outcome comes from dbt's
        result objects either way, and the invocation names no manifest to read."""
        variables = {**self.context.vars, **(variables or {})}
        target_path = self.target_path_for(variables)
        command = [*verb.split(), *self._common_args(target_path)]  # a verb may be two words: `docs generate`
        writes = artifacts or self.executable is not None  # another dbt is read from the files it writes
        command += [] if writes else ["--no-write-json"]
        if select:
            command += ["--select", *select]
        if exclude:
            command += ["--exclude", *exclude]
        if variables:
            command += ["--vars", json.dumps(dict(variables), sort_keys=True)]
        command += list(args)
        return self._execute(command, env, target_path if writes else None)

    def deps(self) -> Invocation:
        """Install the project's packages (`dbt deps` has no `--target-path`)."""
        c = self.context
        command = [
            "deps",
            "--project-dir", str(c.project_dir),
            "--profiles-dir", str(c.profiles_dir),
            "--log-path", str(c.log_path),
            "--log-level", "none",
            "--log-level-file", "debug",
        ]  # fmt: skip
        return self._execute(command, None, None)

    def _in_process(self, command: list[str], env: Mapping[str, str] | None, callbacks: bool) -> _InProcess:
        """One dbt command through dbtRunner, in this process: the environment applied and restored,
        DuckDB's file released, an interruption raised, an environment problem turned into ours."""
        started = time.perf_counter()
        with _environment(_without_jit({**self.context.env, **(env or {})})):
            try:
                from dbt.cli.main import dbtRunner

                result = dbtRunner(callbacks=self._callbacks() if callbacks else []).invoke(command)
                invocation_id = _last_invocation_id()
            finally:
                _release_duckdb()
        _reraise_interrupt(result.exception)
        error, detail = None, ""
        if result.exception is not None:
            error = _one_line(str(result.exception))
            detail = _lines_kept(str(result.exception))
            self._raise_if_environment_problem(error)
        return _InProcess(result, time.perf_counter() - started, invocation_id, error, detail)

    def _execute(self, command: list[str], env: Mapping[str, str] | None, artifacts: Path | None) -> Invocation:
        if self.executable is not None:
            return self._execute_in_process_of_its_own(command, env, artifacts)
        done = self._in_process(command, env, callbacks=True)
        nodes = _node_results(done.result.result)
        for node in nodes:
            if node.failed:
                self._raise_if_environment_problem(node.message)
        success = bool(done.result.success)
        return Invocation(
            tuple(command), success, done.error, nodes, done.seconds, done.invocation_id, done.detail, artifacts
        )

    def _execute_in_process_of_its_own(
        self, command: list[str], env: Mapping[str, str] | None, artifacts: Path | None
    ) -> Invocation:
        started = time.perf_counter()
        results_file = (artifacts or self.context.target_path) / "run_results.json"
        results_file.unlink(missing_ok=True)
        environment = _without_jit(
            {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "False", **self.context.env, **(env or {})}
        )
        done = subprocess.run(
            [str(self.executable), *command], env=environment, capture_output=True, text=True, check=False
        )
        elapsed = time.perf_counter() - started
        if done.returncode in (130, -signal.SIGINT):
            raise KeyboardInterrupt
        nodes: tuple[NodeResult, ...] = ()
        invocation_id = ""
        if command[0] != "deps" and results_file.exists():
            results = json.loads(results_file.read_text(encoding="utf-8"))
            invocation_id = results.get("metadata", {}).get("invocation_id", "")
            nodes = _node_results_from_files(results, _read_manifest(artifacts))
        # dbt exits 1 when a node failed and 2 when the command itself could not run.
        error = None
        if done.returncode not in (0, 1):
            error = _one_line(f"dbt exited with code {done.returncode} (its log: {self.context.log_path}/dbt.log) "
                              + done.stderr[-2000:])
        if error:
            self._raise_if_environment_problem(error)
        return Invocation(tuple(command), done.returncode == 0, error, nodes, elapsed, invocation_id, "", artifacts)

    def show(
        self,
        sql: str,
        limit: int,
        variables: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> tuple[Invocation, Rows]:
        """Run ``dbt show --inline``: SQL with ``ref``/``source`` rendered, first ``limit`` rows."""
        variables = {**self.context.vars, **(variables or {})}
        command = ["show", *self._common_args(self.target_path_for(variables)), "--no-write-json"]
        command += ["--inline", sql, "--limit", str(limit)]
        if variables:
            command += ["--vars", json.dumps(dict(variables), sort_keys=True)]
        done = self._in_process(command, env, callbacks=False)
        result = done.result
        nodes = _node_results(result.result)
        rows = Rows((), ())
        if result.result is not None and getattr(result.result, "results", None):
            table = result.result.results[0].agate_table
            if table is not None:
                rows = Rows(tuple(table.column_names), tuple(tuple(r) for r in table.rows))
        invocation = Invocation(
            tuple(command), bool(result.success), done.error, nodes, done.seconds, done.invocation_id, done.detail
        )
        return invocation, rows

    def tests(self, invocation: Invocation) -> dict[str, list[TestNode]]:
        """Data tests and unit tests by name, from the manifest ``invocation`` wrote."""
        manifest = _read_manifest(invocation.artifacts)
        found: dict[str, list[TestNode]] = {}
        entries = list(manifest.get("nodes", {}).values()) + list(manifest.get("unit_tests", {}).values())
        for node in entries:
            if node.get("resource_type") not in {"test", "unit_test"}:
                continue
            test = TestNode(
                name=node["name"],
                unique_id=node["unique_id"],
                resource_type=node["resource_type"],
                description=node.get("description") or "",
                original_file_path=node.get("original_file_path") or "",
            )
            found.setdefault(test.name, []).append(test)
        return found

    def graph(self, invocation: Invocation) -> dict[str, GraphNode]:
        """Models, snapshots, seeds, sources and exposures by unique id, from the manifest ``invocation`` wrote."""
        manifest = _read_manifest(invocation.artifacts)
        graph: dict[str, GraphNode] = {}
        for node in manifest.get("nodes", {}).values():
            if node.get("resource_type") not in GRAPH_RESOURCE_TYPES:
                continue
            version = node.get("version")
            name = node["name"] if version is None else f"{node['name']} v{version}"
            graph[node["unique_id"]] = _graph_node(node, name)
        for source in manifest.get("sources", {}).values():
            graph[source["unique_id"]] = _graph_node(source, f"{source['source_name']}.{source['name']}")
        for exposure in manifest.get("exposures", {}).values():
            graph[exposure["unique_id"]] = _graph_node(exposure, exposure["name"])
        return graph

    def test_definitions(self, invocation: Invocation, names: Sequence[str]) -> dict[str, dict[str, str]]:
        """What decides each named test's verdict, from the manifest ``invocation`` wrote, part by part.

        A data test: its generic test and arguments, the configs that change a verdict, its SQL
        (a singular test's own), the project's macros it calls (each by a digest of its code,
        followed through the macros they call) and the seeds it reads (by their checksum). A unit
        test: its model, givens, expectations and overrides. Readable where short, a digest where long.
        """
        manifest = _read_manifest(invocation.artifacts)
        macros = manifest.get("macros", {})
        project = manifest.get("metadata", {}).get("project_name") or ""
        wanted = set(names)
        seeds = [node for node in manifest.get("nodes", {}).values() if node.get("resource_type") == "seed"]
        definitions: dict[str, dict[str, str]] = {}
        for node in [*manifest.get("nodes", {}).values(), *manifest.get("unit_tests", {}).values()]:
            if node.get("resource_type") not in {"test", "unit_test"} or node["name"] not in wanted:
                continue
            parts: dict[str, str] = {}
            if node["resource_type"] == "unit_test":
                for key in ("model", "given", "expect", "overrides", "versions"):
                    parts[key] = _digest(node.get(key))
            else:
                metadata = node.get("test_metadata") or {}
                if metadata:
                    parts["test"] = f"{metadata.get('namespace') or ''}.{metadata.get('name')}".lstrip(".")
                    for key, value in sorted((metadata.get("kwargs") or {}).items()):
                        parts[f"argument {key}"] = json.dumps(value, sort_keys=True)
                else:
                    parts["sql"] = _digest(node.get("raw_code"))
                config = node.get("config") or {}
                for key in VERDICT_CONFIGS:
                    parts[f"config {key}"] = json.dumps(config.get(key), sort_keys=True)
            # The data a verdict rests on: every seed of the project (the raw data and the known answers).
            for seed in seeds:
                parts[f"seed {seed['name']}"] = (seed.get("checksum") or {}).get("checksum", "")
            pending = list((node.get("depends_on") or {}).get("macros") or [])
            seen: set[str] = set()
            while pending:
                macro_id = pending.pop()
                if macro_id in seen or not macro_id.startswith(f"macro.{project}."):
                    continue
                seen.add(macro_id)
                macro = macros.get(macro_id) or {}
                parts[f"macro {macro.get('name', macro_id)}"] = _digest(macro.get("macro_sql"))
                pending += (macro.get("depends_on") or {}).get("macros") or []
                # adapter.dispatch picks an implementation at run time: follow every candidate.
                pending += [other for other in macros if other.endswith(f"__{macro.get('name')}")]
            definitions[node["name"]] = dict(sorted(parts.items()))
        return definitions

    def target_path_for(self, variables: Mapping[str, Any] | None) -> Path:
        """Where dbt writes for this set of --vars: the context's target path without vars, a sibling
        folder per distinct set otherwise. dbt's partial parsing keeps its state in the target path and
        parses the whole project again whenever --vars differ from the last parse there; a folder per
        set lets a scenario alternate between sets and re-parse only the files that changed."""
        if not variables:
            return self.context.target_path
        digest = hashlib.sha256(json.dumps(dict(variables), sort_keys=True).encode()).hexdigest()[:12]
        return self.context.target_path.with_name(f"{self.context.target_path.name}_vars_{digest}")

    def _common_args(self, target_path: Path) -> list[str]:
        c = self.context
        return [
            "--project-dir", str(c.project_dir),
            "--profiles-dir", str(c.profiles_dir),
            "--target", c.target,
            "--target-path", str(target_path),
            "--log-path", str(c.log_path),
            "--log-level", "none",
            "--log-level-file", "debug",
        ]  # fmt: skip

    def _callbacks(self) -> list[Callable[[Any], None]]:
        if self.on_progress is None:
            return []
        report = self.on_progress

        def callback(event: Any) -> None:
            if event.info.name == "NodeStart":
                report(event.data.node_info.node_name)

        return [callback]

    def _raise_if_environment_problem(self, message: str) -> None:
        """Turn dbt's errors about the environment (not the learner's SQL) into our exceptions."""
        lowered = message.lower()
        target = self.context.target
        if "could not set lock on file" in lowered or "conflicting lock is held" in lowered:
            path = self.context.env.get("DATA_ETUDES_DUCKDB_PATH", "the DuckDB file")
            holder = _lock_holder(message)
            raise WarehouseLocked(
                f"the DuckDB file {path} is locked by another process{holder}: "
                "close it (a DuckDB shell, a notebook, another dbt run) and try again"
            )
        if "could not find profile named" in lowered:
            raise ProfileMissing(
                f"dbt found no profile for this project in {self.context.profiles_dir}/profiles.yml: "
                "restore profiles.yml from the repository or copy profiles.example.yml"
            )
        if "does not have a target named" in lowered:
            raise ProfileMissing(
                f"the profile in {self.context.profiles_dir}/profiles.yml has no target '{target}': "
                "add it (see profiles.example.yml) or use --target duckdb"
            )
        if target == "postgres" and (
            "connection refused" in lowered
            or "could not connect to server" in lowered
            or "could not translate host name" in lowered
            or ("connection to server at" in lowered and "failed" in lowered)
        ):
            raise WarehouseUnreachable(
                f"PostgreSQL did not answer ({_one_line(message)[:160]}): start it or set DATA_ETUDES_PG_HOST/PORT"
            )


@dataclass(frozen=True)
class _InProcess:
    """What one in-process dbt command returned: its result, time and id, and its error on one line and whole."""

    result: Any
    seconds: float
    invocation_id: str
    error: str | None
    detail: str


def _read_manifest(folder: Path | None) -> dict[str, Any]:
    """The manifest a command wrote to ``folder``; a command that wrote none has none to read."""
    if folder is None:
        raise AssertionError("that dbt command wrote no manifest: invoke it with artifacts to read one")
    path = folder / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DbtCrashed(f"dbt wrote no manifest at {path}; run `dbt parse` to see why") from None


def _reraise_interrupt(exception: BaseException | None) -> None:
    """dbt's runner returns every exception, Ctrl-C included, as a failed result. An interruption
    is not a result: it goes on up, so nothing downstream reads it as a failing check."""
    if isinstance(exception, KeyboardInterrupt | SystemExit):
        raise exception


def _last_invocation_id() -> str:
    """The id dbt gave the invocation that just ended (the run log and run_results.json carry it)."""
    from dbt_common.invocation import get_invocation_id

    return str(get_invocation_id())


def _graph_node(node: Mapping[str, Any], name: str) -> GraphNode:
    parents = (node.get("depends_on") or {}).get("nodes") or []
    return GraphNode(
        unique_id=node["unique_id"],
        name=name,
        resource_type=node["resource_type"],
        original_file_path=node.get("original_file_path") or "",
        depends_on=tuple(sorted(set(parents))),
    )


def _node_results(result: Any) -> tuple[NodeResult, ...]:
    raw = getattr(result, "results", None) or []
    nodes = []
    for item in raw:
        node = getattr(item, "node", None)
        if node is None:
            continue
        status = str(getattr(item.status, "value", item.status))
        nodes.append(
            NodeResult(
                unique_id=node.unique_id,
                name=node.name,
                resource_type=str(getattr(node.resource_type, "value", node.resource_type)),
                status=status,
                message=_one_line(str(item.message or "")),
                failures=item.failures,
                relation_name=getattr(node, "relation_name", None),
                tags=tuple(getattr(node, "tags", None) or ()),
            )
        )
    return tuple(nodes)


def _node_results_from_files(results: Mapping[str, Any], manifest: Mapping[str, Any]) -> tuple[NodeResult, ...]:
    """The nodes of run_results.json, described by the manifest the same invocation wrote."""
    described = {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}
    nodes = []
    for item in results.get("results", []):
        node = described.get(item["unique_id"], {})
        nodes.append(
            NodeResult(
                unique_id=item["unique_id"],
                name=node.get("name", item["unique_id"].split(".")[-1]),
                resource_type=node.get("resource_type", item["unique_id"].split(".")[0]),
                status=str(item["status"]),
                message=_one_line(str(item.get("message") or "")),
                failures=item.get("failures"),
                relation_name=node.get("relation_name"),
                tags=tuple(node.get("tags") or ()),
            )
        )
    return tuple(nodes)


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lines_kept(text: str) -> str:
    """The text with its lines, trailing spaces and blank lines dropped."""
    return "\n".join(line.rstrip() for line in text.strip().splitlines() if line.strip())


def _lock_holder(message: str) -> str:
    marker = "(PID "
    if marker in message:
        return " " + message[message.index(marker) :].split(")")[0] + ")"
    return ""


# PostgreSQL compiles a query to machine code (JIT) once its estimated cost passes jit_above_cost.
# The etudes' checks are wide queries over small tables, where compiling costs far more than
# running: DME-010's privacy check ran in 1 s, and took 23 s inside the CREATE TABLE AS that stores
# its failures (the estimate there passed the thresholds for LLVM's inlining and optimisation).
# Every dbt command run here turns JIT off for its PostgreSQL sessions (libpq reads PGOPTIONS);
# options already in PGOPTIONS are kept, and a jit setting there wins.
NO_JIT = "-c jit=off"


def _without_jit(environment: Mapping[str, str]) -> dict[str, str]:
    options = environment.get("PGOPTIONS", os.environ.get("PGOPTIONS", ""))
    if "jit" in options:
        return dict(environment)
    return {**environment, "PGOPTIONS": f"{options} {NO_JIT}".strip()}


@contextmanager
def _environment(overrides: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for one in-process invocation, then restore them."""
    overrides = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "False", **overrides}
    saved = {key: os.environ.get(key) for key in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _release_duckdb() -> None:
    """dbt-duckdb keeps the database open between invocations; close it so the file is free.

    Without this, reading stored failures in this process (or a learner's DuckDB shell) hits
    "different configuration" or lock errors.
    """
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    with DuckDBConnectionManager._LOCK:
        env = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
        if env is not None:
            with contextlib.suppress(Exception):  # closing is best effort
                env.close()

"""The use cases behind the verbs: check, verify, demo, reset, hint, solution, and overlays for tests.

Everything here takes a Project and a target and returns plain dataclasses; the CLI prints them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from etudes.catalog import Catalog, Etude
from etudes.checks import run_checks, run_checks_together
from etudes.dbt_runner import DbtContext, DbtRunner, GraphNode, Invocation, ProgressCallback
from etudes.errors import CheckMissing, DbtCrashed, EtudesError, EtudeUnavailable, SnapshotError, SolutionLocked
from etudes.lineage import Lineage, current_block, etude_lineage, readme_block, with_block
from etudes.patches import file_diff
from etudes.results import EtudeReport
from etudes.scaffold import unfinished_parts
from etudes.shipped_checks import load_shipped_checks, write_shipped_checks
from etudes.state import State, load_state, save_state
from etudes.variants import Variant, VariantError, ensure_variant, mirror_project, variant_numbers
from etudes.warehouse import Warehouse
from etudes.workspace import (
    _SCRATCH_IGNORE,
    Project,
    Restored,
    Scratch,
    files_under,
    load_snapshot,
    restore_etude,
    shipped_files,
    solution_files,
)

# The platform is everything but the etudes. Seeds load first, in their own run: staging reads them
# through sources, which give dbt no edge to order them by. The build then selects what it runs rather
# than excluding the seeds, because an exclusion also drops every test that reads an excluded node
# (every known-answer check reads an expected seed). What reads an etude's models is the etude's too,
# wherever it is declared (`models/etudes+`): DME-011's snapshot lives in snapshots/ but reads the
# capstone's models, which the platform build does not build.
PLATFORM_SELECT = ("resource_type:model", "resource_type:snapshot", "resource_type:test", "resource_type:unit_test")
PLATFORM_EXCLUDE = ("path:models/etudes+", "path:tests/etudes")
# The etudes' models and the snapshots that read them (the capstone's tier history), without their
# checks: the checks are the learner's to run, with `etudes check`.
ETUDES_DEMO_SELECT = ("path:models/etudes", "path:models/etudes+,resource_type:snapshot")
ETUDES_DEMO_EXCLUDE = ("resource_type:test", "resource_type:unit_test")


# --- contexts ---------------------------------------------------------------------------------


def learner_context(project: Project, target: str, environ: Mapping[str, str]) -> DbtContext:
    """dbt in the learner's working tree, writing where a plain `dbt` run from the root would."""
    duckdb_path = environ.get("DATA_ETUDES_DUCKDB_PATH")
    env = {"DATA_ETUDES_DUCKDB_PATH": str(Path(duckdb_path).resolve() if duckdb_path else project.root / "data_etudes.duckdb")}
    target_path = Path(environ["DBT_TARGET_PATH"]) if environ.get("DBT_TARGET_PATH") else project.root / "target" / f"etudes_{target}"
    log_path = Path(environ["DBT_LOG_PATH"]) if environ.get("DBT_LOG_PATH") else project.root / "logs"
    return DbtContext(
        project_dir=project.root,
        profiles_dir=project.profiles_dir(environ),
        target=target,
        target_path=target_path.resolve(),
        log_path=log_path.resolve(),
        env=env,
    )


def warehouse_for(context: DbtContext, environ: Mapping[str, str]) -> Warehouse:
    return Warehouse.from_env(context.target, {**environ, **context.env})


def available_etude(catalog: Catalog, text: str) -> Etude:
    etude = catalog.get(text)
    if not etude.available:
        raise EtudeUnavailable(f"{etude.id} {etude.title} is coming soon: it is registered but not built yet")
    return etude


# --- check ------------------------------------------------------------------------------------


def check(
    project: Project,
    etude_text: str,
    target: str,
    environ: Mapping[str, str] | None = None,
    on_progress: ProgressCallback | None = None,
    variants: bool = True,
) -> tuple[Etude, EtudeReport]:
    """`etudes check`: build what the etude needs in the working tree, run its checks, record the result.

    Once the shipped data passes, the etude is judged again on each hidden data variant (unless
    ``variants`` is False): the first variant it fails on is the report."""
    environ = dict(os.environ if environ is None else environ)
    etude = available_etude(project.catalog(), etude_text)
    if not (project.root / etude.folder).is_dir():
        raise CheckMissing(f"{etude.id}'s folder {etude.folder} is missing: `etudes reset {etude.id}` restores it")
    context = learner_context(project, target, environ)
    warehouse = warehouse_for(context, environ)
    warehouse.ensure_reachable()
    shipped = load_shipped_checks(project)
    report = run_checks(etude, DbtRunner(context, on_progress), warehouse, seed=True, shipped=shipped)
    if report.not_run:
        missing = sorted(p for p in shipped_files(load_snapshot(project), etude) if not (project.root / p).is_file())
        if missing:
            files = f"file{'s' if len(missing) > 1 else ''} {', '.join(missing)} {'are' if len(missing) > 1 else 'is'}"
            said = f" (dbt said: {report.build_error[:200]})" if report.build_error else ""
            raise CheckMissing(
                f"{etude.id}'s checks could not run and its shipped {files} missing: `etudes reset {etude.id}` "
                f"restores the shipped files and keeps yours in .etudes/backup/{etude.id}/{said}"
            )
    if variants and report.passed:
        runs = [
            VariantRun(
                ensure_variant(project.root, number, variant_cache(project)),
                project.root / ".etudes" / "variants" / target / str(number),
                context,
                schema=f"{warehouse.schema}_variant{number}",
                on_progress=on_progress,
            )
            for number in variant_numbers(project.root)
        ]
        report = judge_on_variants(etude, report, runs, project.root, shipped)
    state = load_state(project.state_path)
    save_state(
        project.state_path,
        state.with_check(
            etude.id, target, report.passed, tuple(sorted(report.failed)), tuple(sorted(report.not_applicable))
        ),
    )
    return etude, report


# --- hidden data variants ---------------------------------------------------------------------


class VariantRun:
    """One data variant's copy of a project and its scratch warehouse (its own DuckDB file, or its
    own PostgreSQL schemas), seeded once: a marker beside it records which variant data it holds."""

    def __init__(
        self,
        variant: Variant,
        base: Path,
        like: DbtContext,
        schema: str,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.variant = variant
        self.base = base
        self.schema = schema
        self.context = DbtContext(
            project_dir=base / "project",
            profiles_dir=like.profiles_dir,
            target=like.target,
            target_path=base / "target",
            log_path=base / "logs",
            env={**like.env, "DATA_ETUDES_DUCKDB_PATH": str(base / "warehouse.duckdb"), "DATA_ETUDES_SCHEMA": schema},
            vars=variant.vars,
        )
        self.runner = DbtRunner(self.context, on_progress)
        self.warehouse = Warehouse.from_env(like.target, {**os.environ, **self.context.env})

    @property
    def _marker(self) -> Path:
        return self.base / "seeded.json"

    def check(
        self, etude: Etude, source: Path, shipped: Mapping[str, Mapping[str, str]], overlay: Mapping[str, Path] | None = None
    ) -> EtudeReport:
        """The etude's checks on this variant, with the project at ``source`` (plus ``overlay``)."""
        self._prepare(source, overlay)
        report = run_checks(etude, self.runner, self.warehouse, seed=False, shipped=shipped)
        return replace(report, variant=self.variant.number)

    def check_together(
        self,
        etudes: Sequence[Etude],
        source: Path,
        shipped: Mapping[str, Mapping[str, str]],
        overlay: Mapping[str, Path],
    ) -> list[EtudeReport]:
        """Several etudes' checks on this variant from one build and one test run (one by one when
        that build fails, so that each report says whose build broke)."""
        self._prepare(source, overlay)
        reports = run_checks_together(etudes, self.runner, self.warehouse, shipped=shipped)
        if reports is None:
            reports = [run_checks(etude, self.runner, self.warehouse, seed=False, shipped=shipped) for etude in etudes]
        return [replace(report, variant=self.variant.number) for report in reports]

    def _prepare(self, source: Path, overlay: Mapping[str, Path] | None) -> None:
        """This variant's copy of the project at ``source`` (plus ``overlay``), its seeds loaded once."""
        mirror_project(source, self.context.project_dir, self.variant, _SCRATCH_IGNORE)
        for relative, path in (overlay or {}).items():
            destination = self.context.project_dir / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
        seeded = {"variant": self.variant.folder.name, "schema": self.schema}
        marker = json.loads(self._marker.read_text(encoding="utf-8")) if self._marker.is_file() else None
        lost = self.context.target == "duckdb" and not (self.base / "warehouse.duckdb").exists()
        if marker != seeded or lost:
            self._marker.unlink(missing_ok=True)
            invocation = self.runner.invoke("seed", args=["--full-refresh"])
            if not invocation.success:
                raise SnapshotError(
                    f"dbt seed failed on data variant {self.variant.number}: {invocation.describe_failure()[:300]}"
                )
            self._marker.write_text(json.dumps(seeded), encoding="utf-8")


def variant_cache(project: Project) -> Path:
    """Where a project keeps its variants' seeds, each in a folder named by the hash of its inputs."""
    return project.root / ".etudes" / "variants" / "data"


def judge_on_variants(
    etude: Etude,
    report: EtudeReport,
    runs: list[VariantRun],
    source: Path,
    shipped: Mapping[str, Mapping[str, str]],
    overlay: Mapping[str, Path] | None = None,
) -> EtudeReport:
    """A report that passed on the shipped data, judged on each variant in turn: the first variant
    it fails on becomes the report (its failures say so); else the shipped report, noting the variants."""
    seconds = report.seconds
    shipped = _without_seed_checksums(shipped)
    for run in runs:
        on_variant = run.check(etude, source, shipped, overlay)
        seconds += on_variant.seconds
        if not on_variant.passed:
            return on_variant.as_variant_failure(seconds)
    return replace(report, seconds=seconds, variants_passed=tuple(run.variant.number for run in runs))


def judge_on_variants_together(
    items: Sequence[tuple[Etude, EtudeReport, Mapping[str, Path]]],
    runs: list[VariantRun],
    source: Path,
    shipped: Mapping[str, Mapping[str, str]],
) -> list[EtudeReport]:
    """``judge_on_variants`` for several etudes (each with its report on the shipped data and its
    overlay), one build and one test run per variant for those still passing."""
    shipped = _without_seed_checksums(shipped)
    reports = {etude.id: report for etude, report, _ in items}
    passed_on = {etude.id: [] for etude, _, _ in items}
    for run in runs:
        judged = [(etude, overlay) for etude, _, overlay in items if reports[etude.id].passed]
        if not judged:
            break
        merged = {relative: path for _, overlay in judged for relative, path in overlay.items()}
        on_variant = run.check_together([etude for etude, _ in judged], source, shipped, merged)
        for (etude, _), report in zip(judged, on_variant, strict=True):
            seconds = reports[etude.id].seconds + report.seconds
            if report.passed:
                passed_on[etude.id].append(run.variant.number)
                reports[etude.id] = replace(reports[etude.id], seconds=seconds)
            else:
                reports[etude.id] = report.as_variant_failure(seconds)
    finished = [reports[etude.id] for etude, _, _ in items]
    return [
        replace(report, variants_passed=tuple(passed_on[report.etude_id])) if report.passed else report
        for report in finished
    ]


def _without_seed_checksums(shipped: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """A variant's seeds are the engine's own (written over whatever the project holds): its checks
    are compared as shipped, but not the seeds' checksums."""
    return {name: {p: v for p, v in parts.items() if not p.startswith("seed ")} for name, parts in shipped.items()}


# --- scratch sessions: verify and overlays ----------------------------------------------------


class ScratchSession:
    """A scratch copy of the project (every etude as shipped), seeded once, for many checks.

    ``check(etude, overlay)`` applies overlay files (repo-relative path -> file) for one run and
    undoes them afterwards. The copy and its PostgreSQL schemas are removed on exit.
    """

    def __init__(
        self,
        project: Project,
        target: str,
        environ: Mapping[str, str] | None = None,
        on_progress: ProgressCallback | None = None,
        variants: Sequence[int] | None = None,
    ) -> None:
        """``variants``: the hidden data variants this session judges on (default: all the project has)."""
        self.source = project
        self.target = target
        self.environ = dict(os.environ if environ is None else environ)
        self.on_progress = on_progress
        self.variants = variants
        self.scratch = Scratch(project, target)
        self._runner: DbtRunner | None = None
        self._warehouse: Warehouse | None = None
        self._seeded = False
        self._shipped_checks = load_shipped_checks(project)
        self._variant_runs: list[VariantRun] | None = None

    def __enter__(self) -> Self:
        self.scratch.__enter__()
        try:
            assert self.scratch.project is not None and self.scratch.isolation is not None
            isolation = self.scratch.isolation
            context = DbtContext(
                project_dir=self.scratch.project.root,
                profiles_dir=self.scratch.project.profiles_dir(self.environ),
                target=self.target,
                target_path=isolation.target_path,
                log_path=isolation.log_path,
                env=isolation.env(),
            )
            self._runner = DbtRunner(context, self.on_progress)
            self._warehouse = warehouse_for(context, self.environ)
            self._warehouse.ensure_reachable()
        except BaseException:
            self.scratch.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._warehouse is not None and self.scratch.isolation is not None and self.scratch.isolation.schema:
                self._warehouse.drop_schemas(self.scratch.isolation.schema)
        finally:
            self.scratch.__exit__(*exc)

    @property
    def project(self) -> Project:
        assert self.scratch.project is not None
        return self.scratch.project

    @property
    def warehouse(self) -> Warehouse:
        """Direct read access to the session's warehouse."""
        assert self._warehouse is not None, "enter the session first"
        return self._warehouse

    @property
    def runner(self) -> DbtRunner:
        """The session's dbt, for a test that needs one invocation of its own (a parse, say)."""
        assert self._runner is not None, "enter the session first"
        return self._runner

    def seed(self) -> Invocation:
        assert self._runner is not None
        invocation = self._runner.invoke("seed", args=["--full-refresh"], artifacts=False)
        if not invocation.success:
            raise SnapshotError(f"dbt seed failed in the scratch copy: {invocation.describe_failure()[:300]}")
        self._seeded = True
        return invocation

    def check(self, etude: Etude, overlay: Mapping[str, Path] | None = None, variants: bool = False) -> EtudeReport:
        """The etude's checks on the shipped data; with ``variants``, then (if they pass) on each
        hidden data variant, as `etudes check` judges."""
        assert self._runner is not None and self._warehouse is not None
        if not self._seeded:
            self.seed()
        with self._overlay(overlay or {}):
            report = run_checks(etude, self._runner, self._warehouse, seed=False, shipped=self._shipped_checks)
        if variants and report.passed:
            report = judge_on_variants(
                etude, report, self.variant_runs(), self.project.root, self._shipped_checks, overlay
            )
        return report

    def check_together(
        self, items: Sequence[tuple[Etude, Mapping[str, Path]]], variants: bool = False
    ) -> list[EtudeReport]:
        """Several etudes' checks on the shipped data, each with its own overlay, from one build and
        one test run (``run_checks_together``): the reports ``check`` gives each, one by one when the
        build fails; with ``variants``, those that pass then on each hidden data variant, together.
        The etudes must differ and their overlays touch files of their own."""
        assert self._runner is not None and self._warehouse is not None
        etudes = [etude for etude, _ in items]
        assert len({etude.id for etude in etudes}) == len(etudes), "one overlay per etude"
        merged: dict[str, Path] = {}
        for _, overlay in items:
            assert not set(merged) & set(overlay), f"overlays overlap: {sorted(set(merged) & set(overlay))}"
            merged |= dict(overlay)
        if not self._seeded:
            self.seed()
        with self._overlay(merged):
            reports = run_checks_together(etudes, self._runner, self._warehouse, shipped=self._shipped_checks)
        if reports is None:
            reports = [self.check(etude, overlay) for etude, overlay in items]
        if not variants or not any(report.passed for report in reports):
            return reports
        judged = [(etude, report, overlay) for (etude, overlay), report in zip(items, reports, strict=True)]
        return judge_on_variants_together(judged, self.variant_runs(), self.project.root, self._shipped_checks)

    @contextmanager
    def _overlay(self, files: Mapping[str, Path]) -> Iterator[None]:
        """The overlay for one run; afterwards the relations of the models it added are dropped, so
        that no later run of the session reads (or is judged on) a table no model builds any more."""
        assert self._warehouse is not None and self.scratch.isolation is not None
        root = self.project.root
        added = sorted(
            Path(path).stem
            for path in files
            if path.startswith("models/") and path.endswith(".sql") and not (root / path).exists()
        )
        try:
            with self.scratch.overlay(files):
                yield
        finally:
            self._warehouse.drop_relations_named(added, self.scratch.isolation.schema)

    def variant_runs(self) -> list[VariantRun]:
        """One run per hidden data variant, each seeded once for the whole session (on first use)."""
        assert self._runner is not None and self.scratch.isolation is not None
        if self._variant_runs is None:
            base = self.scratch.isolation.target_path.parent / "variants"
            schema = self.scratch.isolation.schema or "main"
            self._variant_runs = [
                VariantRun(
                    # The variants' data is the project's to share (a hash names each); their warehouses are the session's.
                    ensure_variant(self.source.root, number, variant_cache(self.source)),
                    base / str(number),
                    self._runner.context,
                    schema=f"{schema}_variant{number}",
                    on_progress=self.on_progress,
                )
                for number in variant_numbers(self.source.root)
                if self.variants is None or number in self.variants
            ]
        return self._variant_runs


def check_with_overlay(
    project: Project,
    etude_text: str,
    overlay_dir: Path,
    target: str = "duckdb",
    environ: Mapping[str, str] | None = None,
) -> EtudeReport:
    """Run an etude's checks in a scratch copy with ``overlay_dir`` (mirroring repo paths) applied.

    For the test suite: alternative correct fixes must pass, plausible wrong fixes must fail.
    To run many overlays against one seeded copy, use ScratchSession directly.
    """
    etude = available_etude(project.catalog(), etude_text)
    with ScratchSession(project, target, environ) as session:
        return session.check(etude, files_under(overlay_dir))


@dataclass(frozen=True)
class VerifyOutcome:
    etude_id: str
    target: str
    shipped: EtudeReport | None
    solved: EtudeReport | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class VerifyReport:
    outcomes: tuple[VerifyOutcome, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)


def verify(
    project: Project,
    etude_texts: list[str],
    targets: list[str],
    environ: Mapping[str, str] | None = None,
    on_progress: ProgressCallback | None = None,
) -> VerifyReport:
    """`etudes verify`: from the shipped traps, each etude fails exactly as the catalog says and its solution passes."""
    catalog = project.catalog()
    etudes = [available_etude(catalog, t) for t in etude_texts] if etude_texts else list(catalog.available)
    snapshot = load_snapshot(project)
    outcomes = []
    for target in targets:
        if not etudes:
            break
        with ScratchSession(project, target, environ, on_progress) as session:
            outcomes += verify_etudes(session, etudes, snapshot)
    return VerifyReport(tuple(outcomes))


def verify_etudes(session: ScratchSession, etudes: Sequence[Etude], snapshot: Mapping[str, str]) -> list[VerifyOutcome]:
    """``verify_etude`` for several etudes at once: every trap from one build and one test run, then
    every solution likewise (and on each variant). An etude the batch cannot judge (a check missing,
    no solution, no files) is verified on its own, which says what is wrong with it."""
    alone = [e for e in etudes if not _ships_files(snapshot, e) or not solution_files(session.project, e)]
    together = [e for e in etudes if e not in alone]
    outcomes: dict[str, VerifyOutcome] = {}
    try:
        shipped = session.check_together([(etude, {}) for etude in together]) if together else []
        solutions = [(etude, solution_files(session.project, etude)) for etude in together]
        solved = session.check_together(solutions, variants=True) if together else []
    except (CheckMissing, SnapshotError, VariantError):
        alone = list(etudes)
    else:
        for etude, as_shipped, with_solution in zip(together, shipped, solved, strict=True):
            problems = _as_shipped_problems(etude, as_shipped) + _solved_problems(with_solution)
            outcomes[etude.id] = VerifyOutcome(etude.id, session.target, as_shipped, with_solution, tuple(problems))
    for etude in alone:
        outcomes[etude.id] = verify_etude(session, etude, snapshot)
    return [_with_unfinished_parts(session.project, outcomes[etude.id], etude) for etude in etudes]


def _with_unfinished_parts(project: Project, outcome: VerifyOutcome, etude: Etude) -> VerifyOutcome:
    """An etude `etudes new` scaffolded is not verified while a part of it is still to be written."""
    unfinished = unfinished_parts(project, etude)
    return replace(outcome, problems=(*unfinished, *outcome.problems)) if unfinished else outcome


def verify_etude(session: ScratchSession, etude: Etude, snapshot: Mapping[str, str]) -> VerifyOutcome:
    """One etude in a seeded scratch session: as shipped it fails exactly as catalogued; solved, it passes."""
    target = session.target
    problems: list[str] = []
    if not _ships_files(snapshot, etude):
        problems.append(f"the snapshot holds no files under {etude.folder} (run `etudes snapshot`)")
        return VerifyOutcome(etude.id, target, None, None, tuple(problems))
    try:
        shipped = session.check(etude)
    except (CheckMissing, SnapshotError) as exc:
        return VerifyOutcome(etude.id, target, None, None, (f"as shipped: {exc}",))
    problems += _as_shipped_problems(etude, shipped)
    solution = solution_files(session.project, etude)
    if not solution:
        problems.append(f"no reference solution under {etude.folder}/.meta/solution/")
        return VerifyOutcome(etude.id, target, shipped, None, tuple(problems))
    try:
        solved = session.check(etude, solution, variants=True)
    except (CheckMissing, SnapshotError, VariantError) as exc:
        return VerifyOutcome(etude.id, target, shipped, None, (*problems, f"with the solution: {exc}"))
    problems += _solved_problems(solved)
    return VerifyOutcome(etude.id, target, shipped, solved, tuple(problems))


def _ships_files(snapshot: Mapping[str, str], etude: Etude) -> bool:
    return any(p.startswith(etude.folder + "/") for p in shipped_files(snapshot, etude))


def _as_shipped_problems(etude: Etude, shipped: EtudeReport) -> list[str]:
    """As shipped, the etude builds and fails exactly the checks the catalog says."""
    if shipped.build_error:
        return [f"as shipped, the build failed: {shipped.build_error[:300]}"]
    problems = []
    wrongly_passing = sorted(etude.failing_as_shipped - shipped.failed - shipped.not_applicable)
    wrongly_failing = sorted(shipped.failed - etude.failing_as_shipped)
    if wrongly_passing:
        problems.append(f"as shipped, {wrongly_passing} pass but the catalog says they fail")
    if wrongly_failing:
        problems.append(f"as shipped, {wrongly_failing} fail but the catalog says they pass")
    return problems


def _solved_problems(solved: EtudeReport) -> list[str]:
    """With the solution, the etude builds and passes, on the shipped data and on every variant."""
    if solved.build_error:
        return [f"with the solution, the build failed: {solved.build_error[:300]}"]
    if solved.failed:
        where = "" if solved.variant is None else f" on data variant {solved.variant}"
        return [f"with the solution, {sorted(solved.failed)} still fail{where}"]
    return []


# --- demo -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoReport:
    platform: Invocation
    etudes: Invocation | None


def demo(
    project: Project,
    target: str = "duckdb",
    environ: Mapping[str, str] | None = None,
    on_progress: ProgressCallback | None = None,
) -> DemoReport:
    """Seed and build the platform with its tests, then run the etude models without their checks."""
    environ = dict(os.environ if environ is None else environ)
    context = learner_context(project, target, environ)
    warehouse_for(context, environ).ensure_reachable()
    runner = DbtRunner(context, on_progress)
    platform = runner.invoke("seed")
    if platform.success:
        platform = runner.invoke("build", select=PLATFORM_SELECT, exclude=PLATFORM_EXCLUDE)
    if not platform.success:
        return DemoReport(platform, None)
    if not (project.root / "models" / "etudes").is_dir() or not any((project.root / "models" / "etudes").iterdir()):
        return DemoReport(platform, None)
    etudes = runner.invoke("build", select=ETUDES_DEMO_SELECT, exclude=ETUDES_DEMO_EXCLUDE)
    return DemoReport(platform, etudes)


# --- files and progress -----------------------------------------------------------------------


def reset(project: Project, etude_text: str, checks_only: bool = False) -> tuple[Etude, Restored]:
    """`etudes reset`: the etude's folders become exactly the shipped trap again (no git needed);
    what the learner changed or added is kept under .etudes/backup/<id>/<timestamp>/. With
    ``checks_only``, only its singular checks are restored, and its progress is untouched."""
    etude = available_etude(project.catalog(), etude_text)
    backup = project.backup_dir(etude.id, datetime.now(UTC))
    restored = restore_etude(project.root, load_snapshot(project), etude, backup, checks_only=checks_only)
    if checks_only:
        return etude, restored
    state = load_state(project.state_path)
    save_state(project.state_path, state.after_reset(etude.id))
    return etude, restored


def checks_left_differing(project: Project, etude: Etude) -> list[str]:
    """The etude's YAML files that hold checks beside its models' properties (and that
    `etudes reset --checks` therefore leaves alone) where the working tree differs from the shipped file."""
    differing = []
    for relative, text in sorted(shipped_files(load_snapshot(project), etude).items()):
        if not relative.startswith(etude.folder + "/") or not relative.endswith((".yml", ".yaml")):
            continue
        if "data_tests:" not in text:
            continue
        path = project.root / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            differing.append(relative)
    return differing


@dataclass(frozen=True)
class HintView:
    etude: Etude
    level: int
    hints: tuple[str, ...]

    @property
    def exhausted(self) -> bool:
        return self.level >= len(self.etude.hints)


def hint(project: Project, etude_text: str, level: int | None = None) -> HintView:
    """`etudes hint`: the next hint each time (or hint ``level``), with the ones before it."""
    etude = available_etude(project.catalog(), etude_text)
    count = len(etude.hints)
    state = load_state(project.state_path)
    if level is None:
        level = min(state.progress(etude.id).hint_level + 1, count)
    if not 1 <= level <= count:
        raise EtudesError(f"{etude.id} has hints 1 to {count}; --level {level} is out of range")
    save_state(project.state_path, state.with_hint_level(etude.id, level))
    return HintView(etude, level, etude.hints[:level])


@dataclass(frozen=True)
class FileDiff:
    path: str
    diff: str
    added: bool


def solution(project: Project, etude_text: str, force: bool = False) -> tuple[Etude, list[FileDiff]]:
    """`etudes solution`: the reference fix as a diff against the shipped trap."""
    etude = available_etude(project.catalog(), etude_text)
    if not force and not load_state(project.state_path).progress(etude.id).passed_once:
        raise SolutionLocked(
            f"{etude.id} has not passed yet: the solution opens once `etudes check {etude.id}` passes "
            f"(or use `etudes solution {etude.id} --force`)"
        )
    files = solution_files(project, etude)
    if not files:
        raise SnapshotError(f"no reference solution for {etude.id} under {etude.folder}/.meta/solution/")
    snapshot = load_snapshot(project)
    diffs = []
    for relative, path in sorted(files.items()):
        before = snapshot.get(relative)
        diffs.append(FileDiff(relative, file_diff(relative, before, path.read_text(encoding="utf-8")), before is None))
    return etude, diffs


# --- lineage ----------------------------------------------------------------------------------


def project_graph(
    project: Project, target: str = "duckdb", environ: Mapping[str, str] | None = None
) -> dict[str, GraphNode]:
    """`dbt parse` the working tree (into the learner's target folder) and read its graph."""
    environ = dict(os.environ if environ is None else environ)
    runner = DbtRunner(learner_context(project, target, environ))
    parsed = runner.invoke("parse")
    if not parsed.success:
        raise DbtCrashed(f"dbt parse failed, so there is no lineage to draw: {parsed.describe_failure()[:400]}")
    return runner.graph(parsed)


def lineage(
    project: Project, etude_text: str, target: str = "duckdb", environ: Mapping[str, str] | None = None
) -> Lineage:
    """`etudes lineage`: the etude's dependency graph as dbt parses the working tree now."""
    etude = available_etude(project.catalog(), etude_text)
    return etude_lineage(project_graph(project, target, environ), etude)


def lineage_readme(project: Project, etude_text: str) -> tuple[Path, str]:
    """The etude's README and its text; LineageError unless it has the markers the diagram goes between."""
    etude = available_etude(project.catalog(), etude_text)
    path = project.root / etude.folder / "README.md"
    if not path.is_file():
        raise EtudesError(f"{etude.id} has no README at {etude.folder}/README.md")
    text = path.read_text(encoding="utf-8")
    current_block(text, f"{etude.folder}/README.md")
    return path, text


def lineage_command(etude_id: str) -> str:
    return f"etudes lineage {etude_id} --write"


def write_lineage(
    project: Project, etude_text: str, target: str = "duckdb", environ: Mapping[str, str] | None = None
) -> tuple[Lineage, Path, bool]:
    """`etudes lineage --write`: the README's block between the markers becomes the current diagram.

    Returns the lineage, the README and whether its text changed. Only the block changes.
    """
    path, text = lineage_readme(project, etude_text)
    drawn = lineage(project, etude_text, target, environ)
    updated = with_block(text, readme_block(drawn, lineage_command(drawn.etude_id)), str(path.relative_to(project.root)))
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return drawn, path, updated != text


def snapshot_checks(project: Project, environ: Mapping[str, str] | None = None) -> dict[str, dict[str, str]]:
    """`etudes snapshot`: record every check's definition as it stands (the shipped traps)."""
    environ = dict(os.environ if environ is None else environ)
    return write_shipped_checks(project, DbtRunner(learner_context(project, "duckdb", environ)))


def board(project: Project) -> tuple[Catalog, State]:
    return project.catalog(), load_state(project.state_path)

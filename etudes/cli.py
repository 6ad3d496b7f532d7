"""The `etudes` command line. Parses arguments, calls the engine, prints with display, and is
the one place where our errors become one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from etudes import display, engine, lineage
from etudes.errors import EtudesError
from etudes.scaffold import SCAFFOLD_MARK, new_etude
from etudes.warehouse import TARGETS
from etudes.workspace import (
    Project,
    check_copies_drift,
    collect_trap_files,
    compare,
    find_project,
    load_snapshot,
    write_check_copies,
    write_snapshot,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--target", choices=TARGETS, default="duckdb", help="warehouse to run on (default: duckdb)")
    common.add_argument("--project-dir", type=Path, help="the data_etudes checkout (default: found from here)")

    parser = argparse.ArgumentParser(
        prog="etudes",
        description="Hands-on etudes: find and fix what the AI agent got wrong, against known-answer data.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB", help="with no verb: list")

    verbs.add_parser("list", parents=[common], help="the board: every etude and where you stand")

    p = verbs.add_parser("check", parents=[common], help="build an etude and run its checks")
    p.add_argument("etude", help="DME-003, dme-003, 003 or 3")
    p.add_argument("--no-variants", action="store_true",
                   help="judge on the shipped data only (a quicker loop; a pass then is not final)")

    p = verbs.add_parser("hint", parents=[common], help="the next hint for an etude")
    p.add_argument("etude")
    p.add_argument("--level", type=int, help="show hint N (1 to 3) instead of the next one")

    p = verbs.add_parser("reset", parents=[common], help="restore an etude's shipped files (yours are kept in .etudes/backup/)")
    p.add_argument("etude")
    p.add_argument("--checks", action="store_true", help="restore only its checks under tests/etudes (keeps your models)")

    p = verbs.add_parser("solution", parents=[common], help="the reference fix, once the etude passes")
    p.add_argument("etude")
    p.add_argument("--force", action="store_true", help="show it before the etude passes")

    p = verbs.add_parser("verify", parents=[common], help="maintainers: traps fail as declared, solutions pass")
    p.add_argument("etudes", nargs="*", help="etude ids (default: every available etude)")
    p.add_argument("--all-targets", action="store_true", help="verify on duckdb and postgres")

    p = verbs.add_parser("lineage", parents=[common], help="an etude's dependency graph, from dbt's manifest")
    p.add_argument("etude")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--mermaid", action="store_true", help="print a Mermaid flowchart instead of text")
    form.add_argument(
        "--write", action="store_true", help="redraw the diagram between the lineage markers of the etude's README.md"
    )

    verbs.add_parser("demo", parents=[common], help="build the platform and the etude models, show the board")

    p = verbs.add_parser("new", parents=[common], help="maintainers: scaffold a new etude's folder with the next id")
    p.add_argument("slug", help="lowercase_with_underscores, e.g. late_refunds")
    p.add_argument("--title", help="the etude's title (default: from the slug)")

    p = verbs.add_parser("snapshot", parents=[common], help="maintainers: known answers, the checks' copies in tests/etudes/, etudes/shipped_*.json")
    p.add_argument("--check", action="store_true", help="only report whether the snapshot matches the working tree")
    return parser


def main(argv: Sequence[str] | None = None, console: Console | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["list", *argv]  # `etudes` alone, or with options only: the board
    args = build_parser().parse_args(argv)
    out = console or Console()
    err = Console(stderr=True) if console is None else console
    try:
        project = Project(args.project_dir.resolve()) if args.project_dir else find_project()
        return VERBS[args.verb](args, project, out)
    except EtudesError as exc:
        err.print(f"[bold red]etudes:[/bold red] {exc.message}", highlight=False, soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        err.print(
            "[bold red]etudes:[/bold red] interrupted: stopped at once, nothing recorded in .etudes/state.json",
            highlight=False,
            soft_wrap=True,
        )
        return EXIT_INTERRUPTED


def _list(args: argparse.Namespace, project: Project, out: Console) -> int:
    catalog, state = engine.board(project)
    display.board(out, catalog, state)
    return EXIT_OK


def _check(args: argparse.Namespace, project: Project, out: Console) -> int:
    with _progress(out, "building and checking") as on_progress:
        etude, report = engine.check(
            project, args.etude, args.target, on_progress=on_progress, variants=not args.no_variants
        )
    display.check_report(out, etude, report)
    return EXIT_OK if report.passed else EXIT_FAILED


def _hint(args: argparse.Namespace, project: Project, out: Console) -> int:
    display.hint_view(out, engine.hint(project, args.etude, args.level))
    return EXIT_OK


def _reset(args: argparse.Namespace, project: Project, out: Console) -> int:
    etude, restored = engine.reset(project, args.etude, checks_only=args.checks)
    if args.checks:
        where = f"tests/etudes/{etude.key}"
        out.print(f"{etude.id}'s checks are back as shipped: {len(restored.written)} files restored in {where}.", soft_wrap=True)
    else:
        where = ", ".join(etude.owned_paths)
        out.print(f"{etude.id} is back to its shipped state: {len(restored.written)} files restored in {where}.", soft_wrap=True)
    if restored.backup is None:
        which = f"files under {where}" if args.checks else "files"
        out.print(f"None of its {which} differed from the shipped ones, so there was nothing of yours to keep.", soft_wrap=True)
    else:
        kept = len(restored.kept)
        out.print(
            f"Your {kept} changed or added file{'s' if kept != 1 else ''} ({', '.join(restored.kept)}) "
            f"{'are' if kept != 1 else 'is'} kept in {restored.backup.relative_to(project.root).as_posix()}/.",
            soft_wrap=True,
            highlight=False,
        )
    if args.checks:
        for relative in engine.checks_left_differing(project, etude):
            out.print(
                f"{relative} holds checks too, beside your models' properties, and differs from the shipped "
                f"file: --checks leaves it as it is (a changed check there still fails as changed). "
                f"`etudes reset {etude.id}` restores it with the rest of the etude, keeping your copy.",
                soft_wrap=True,
                highlight=False,
            )
    if engine.board(project)[1].progress(etude.id).passed_once:
        out.print(f"{etude.id} stays solved on the board: you passed it before.")
    return EXIT_OK


def _solution(args: argparse.Namespace, project: Project, out: Console) -> int:
    etude, diffs = engine.solution(project, args.etude, force=args.force)
    display.solution_view(out, etude, diffs)
    return EXIT_OK


def _verify(args: argparse.Namespace, project: Project, out: Console) -> int:
    targets = list(TARGETS) if args.all_targets else [args.target]
    with _progress(out, "verifying") as on_progress:
        report = engine.verify(project, args.etudes, targets, on_progress=on_progress)
    display.verify_report(out, report)
    return EXIT_OK if report.ok else EXIT_FAILED


def _lineage(args: argparse.Namespace, project: Project, out: Console) -> int:
    if args.write:
        drawn, path, changed = engine.write_lineage(project, args.etude, args.target)
        where = path.relative_to(project.root).as_posix()
        out.print(f"{where}: {'lineage diagram redrawn' if changed else 'lineage diagram already current'} ({len(drawn.nodes)} nodes).")
    elif args.mermaid:
        out.out(lineage.mermaid(engine.lineage(project, args.etude, args.target)), end="", highlight=False)
    else:
        display.lineage_view(out, engine.lineage(project, args.etude, args.target))
    return EXIT_OK


def _demo(args: argparse.Namespace, project: Project, out: Console) -> int:
    with _progress(out, "building the platform") as on_progress:
        report = engine.demo(project, args.target, on_progress=on_progress)
    display.demo_summary(out, report)
    if not report.platform.success:
        out.print("The platform itself failed to build: that is a bug in the project, not an etude.")
        return EXIT_FAILED
    catalog, state = engine.board(project)
    display.board(out, catalog, state)
    display.capstone_pointer(out, catalog)
    if report.etudes is not None and not report.etudes.success:
        out.print(
            "Some etude models did not build (above). If you edited them, `etudes check <id>` shows why and "
            "`etudes reset <id>` restores the shipped files; if you did not, it is a bug in the project."
        )
        return EXIT_FAILED
    return EXIT_OK


def _snapshot(args: argparse.Namespace, project: Project, out: Console) -> int:
    if args.check:
        copies = check_copies_drift(project, project.catalog())
        drift = compare(load_snapshot(project), collect_trap_files(project.root))
        if copies.clean and drift.clean:
            out.print("tests/etudes/ holds the etudes' checks, and etudes/shipped_traps.json matches the etudes.")
            return EXIT_OK
        if not copies.clean:
            out.print(f"tests/etudes/ differs from the etudes' .meta/checks/ (edit those, not the copies): {copies.describe()}")
        if not drift.clean:
            out.print(f"etudes/shipped_traps.json differs from the working tree: {drift.describe()}")
        return EXIT_FAILED
    if (project.root / "oracle" / "__main__.py").is_file():  # the repository (a test fixture has no oracle)
        oracle = subprocess.run(
            [sys.executable, "-m", "oracle"], cwd=project.root, capture_output=True, text=True, check=False
        )
        if oracle.returncode != 0:
            out.print(f"python -m oracle failed, so nothing was snapshot:\n{oracle.stdout}{oracle.stderr}", highlight=False)
            return EXIT_FAILED
        out.print(f"oracle: {'; '.join(oracle.stdout.split(chr(10))).strip('; ')}", highlight=False, soft_wrap=True)
    copies = write_check_copies(project, project.catalog())
    out.print(f"wrote tests/etudes/: {len(copies)} checks copied from the etudes' .meta/checks/.")
    files = write_snapshot(project)
    out.print(f"wrote {project.snapshot_path.relative_to(project.root)}: {len(files)} files from models/etudes and tests/etudes.")
    checks = engine.snapshot_checks(project)
    out.print(f"wrote {project.shipped_checks_path.relative_to(project.root)}: the definitions of {len(checks)} checks.")
    return EXIT_OK


def _new(args: argparse.Namespace, project: Project, out: Console) -> int:
    made = new_etude(project, args.slug, args.title)
    number = int(made.etude_id.split("-")[1])
    out.print(f"{made.etude_id}: wrote {len(made.files)} files in {made.folder}/", highlight=False)
    for relative in made.files:
        out.print(f"  {relative.removeprefix(made.folder + '/')}", highlight=False)
    out.print(
        f"Fill every place marked {SCAFFOLD_MARK} (CONTRIBUTING.md, \"Adding an etude\"), then "
        f"`etudes snapshot` and `etudes verify {number}`: verify names what is still missing.",
        highlight=False,
        soft_wrap=True,
    )
    return EXIT_OK


VERBS: dict[str, Callable[[argparse.Namespace, Project, Console], int]] = {
    "list": _list,
    "check": _check,
    "hint": _hint,
    "reset": _reset,
    "solution": _solution,
    "verify": _verify,
    "lineage": _lineage,
    "demo": _demo,
    "new": _new,
    "snapshot": _snapshot,
}


@contextmanager
def _progress(out: Console, label: str) -> Iterator[Callable[[str], None] | None]:
    """A spinner naming the dbt node being built, on a terminal; nothing otherwise."""
    if not out.is_terminal or os.environ.get("CI"):
        yield None
        return
    with out.status(f"{label}...") as status:
        yield lambda node: status.update(f"{label}: {node}")


if __name__ == "__main__":
    sys.exit(main())

"""Terminal output with rich: the board, check reports (expected next to actual, failing rows),
hints, solution diffs, verify and demo summaries. Nothing here decides anything."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from etudes.catalog import CAPSTONE_COMPETENCY, Catalog, Etude
from etudes.dbt_runner import Invocation
from etudes.engine import DemoReport, FileDiff, HintView, VerifyReport
from etudes.lineage import DOWNSTREAM, ETUDE, UPSTREAM, Lineage
from etudes.results import BUILD_FAILED, CheckResult, EtudeReport
from etudes.state import State
from etudes.warehouse import Rows

STATUS_STYLE = {
    "not started": "white",
    "trapped": "bold red",
    "partly judged": "bold yellow",
    "solved": "bold green",
    "coming soon": "dim italic",
}
# How the board tells a learner to run etudes: the command `make install` put in the repository's
# virtual environment, which works from the root without activating it (as the README writes it).
ETUDES_COMMAND = ".venv/bin/etudes"
UNBOUNDED = 1_000_000  # a width to measure a table's natural width against
HINT_KIND = ("Where to look", "What to measure", "The shape of the fix")
LINEAGE_STAGES = (
    (UPSTREAM, "what it reads", "nothing outside the etude"),
    (ETUDE, "the etude", ""),
    (DOWNSTREAM, "what reads it", "no snapshot or exposure reads the etude's models"),
)


def board(console: Console, catalog: Catalog, state: State) -> None:
    table = Table(title="data_etudes: the etudes", title_justify="left", header_style="bold")
    table.add_column("ID", no_wrap=True)
    table.add_column("Title")
    table.add_column("Competency")
    table.add_column("Status", no_wrap=True)
    solved = 0
    for etude in catalog.etudes:
        status = state.progress(etude.id).status if etude.available else "coming soon"
        solved += status == "solved"
        table.add_row(etude.id, etude.title, etude.competency, Text(status, style=STATUS_STYLE[status]))
    console.print(table)
    available = len(catalog.available)
    soon = len(catalog.etudes) - available
    line = f"Progress: {solved} of {available} available etude{'s' if available != 1 else ''} solved"
    if soon:
        line += f", {soon} coming soon"
    console.print(line + ".")
    nxt = next((e for e in catalog.available if state.progress(e.id).status != "solved"), None)
    last = state.progress(nxt.id).last_check if nxt is not None else None
    if nxt is not None and last is not None and last.passed and last.not_judged:
        targets = sorted({t for s in nxt.scenarios if s.name in last.not_judged for t in s.targets}) or ["postgres"]
        console.print(
            f"Next: {nxt.id} passed on {last.target}, where {', '.join(last.not_judged)} could not be judged: "
            f"run [bold]{ETUDES_COMMAND} check {nxt.id} --target {targets[0]}[/bold].",
            soft_wrap=True,
        )
    elif nxt is not None:
        console.print(
            f"Next: read {nxt.folder}/README.md, then run [bold]{ETUDES_COMMAND} check {nxt.id}[/bold] "
            f"(from the repository's root).",
            soft_wrap=True,
        )


def capstone_pointer(console: Console, catalog: Catalog) -> None:
    """After the demo: the platform just built is the capstone's subject; say where it is described."""
    capstone = next((e for e in catalog.available if e.competency == CAPSTONE_COMPETENCY), None)
    if capstone is None:
        return
    console.print(
        Panel(
            f"What you just built is the retailer's platform, and {capstone.id} {capstone.title} reviews it end to end.\n"
            f"Its specification: {capstone.folder}/README.md\n"
            f"Its lineage, drawn from dbt's manifest: [bold].venv/bin/etudes lineage {capstone.id}[/bold]\n"
            f"Start with DME-001 for the skills one at a time, or go straight to [bold].venv/bin/etudes check {capstone.id}[/bold].",
            title="Start here",
            border_style="cyan",
            expand=False,
        )
    )


def _variants_note(report: EtudeReport) -> str:
    if not report.variants_passed:
        return ""
    return f"; on the shipped data and on hidden data variants {', '.join(str(n) for n in report.variants_passed)}"


def check_report(console: Console, etude: Etude, report: EtudeReport) -> None:
    console.print(Text(f"{etude.id} {etude.title}  [{report.target}]", style="bold"))
    total = len(report.results) - len(report.not_applicable)
    if report.build_error:
        detail = Text(report.build_detail or report.build_error)
        console.print(Panel(detail, title="the build failed, so no check could run", border_style="red", expand=False))
        for result in report.results:
            console.print(Text.assemble(("NOT RUN ", "bold yellow"), (result.name, "bold"), f": {BUILD_FAILED}"))
        console.print(
            Text(f"The build failed, so none of the {total} checks ran ({report.seconds:.1f} s): "
                 "fix the error above and check again.", style="bold red")
        )
        console.print(f"Stuck? [bold].venv/bin/etudes hint {etude.id}[/bold]")
        return
    for result in report.results:
        _check_result(console, result)
    failed = len(report.failed)
    if report.passed and report.not_applicable:
        unjudged = sorted(report.not_applicable)
        console.print(
            Text(
                f"The {total} checks that apply on {report.target} pass ({report.seconds:.1f} s{_variants_note(report)}); "
                f"not judged here: {', '.join(unjudged)}. The etude is solved once "
                f"{'it passes' if len(unjudged) == 1 else 'they pass'} on a target where "
                f"{'it applies' if len(unjudged) == 1 else 'they apply'} (see the N/A line above).",
                style="bold yellow",
            ),
            soft_wrap=True,
        )
    elif report.passed:
        console.print(Text(f"All {total} checks pass ({report.seconds:.1f} s{_variants_note(report)}).", style="bold green"))
        console.print(Panel(Markdown(etude.explanation), title="What was going on", border_style="green"))
        console.print(f"The reference solution: [bold].venv/bin/etudes solution {etude.id}[/bold]")
    else:
        where = f" on hidden data variant {report.variant}" if report.variant is not None else ""
        console.print(Text(f"{failed} of {total} checks fail{where} ({report.seconds:.1f} s).", style="bold red"))
        console.print(f"Stuck? [bold].venv/bin/etudes hint {etude.id}[/bold]")


def _check_result(console: Console, result: CheckResult) -> None:
    if not result.applicable:
        console.print(Text.assemble(Text("N/A  ", style="bold yellow"), Text(result.name, style="bold"), " (scenario)"))
        console.print(Text(f"  {result.expected}: {result.actual}", style="dim"))
        return
    mark = Text("PASS ", style="bold green") if result.passed else Text("FAIL ", style="bold red")
    kind = " (scenario)" if result.kind == "scenario" else ""
    console.print(Text.assemble(mark, Text(result.name, style="bold"), kind))
    if result.passed:
        return
    if result.defined_in:
        console.print(Text(f"  defined in {result.defined_in}", style="dim"), soft_wrap=True)
    if result.description:
        console.print(Text("  " + result.description, style="dim"))
    side = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    side.add_column("expected", style="green", overflow="fold")
    side.add_column("actual", style="red", overflow="fold")
    side.add_row(result.expected, result.actual)
    console.print(Panel(side, expand=False, padding=(0, 1)))
    if result.message:
        console.print(Text("  " + result.message, style="yellow"))
    if result.rows is not None and result.rows.rows:
        failing_rows(console, result.rows, "violating" if result.kind == "scenario" else "failing")


def failing_rows(console: Console, rows: Rows, adjective: str) -> None:
    """How many rows there are, which of them are shown and where to read them all; then the rows:
    as a table when it fits the width unwrapped, else one row at a time, a column a line."""
    total = len(rows.rows) if rows.total is None else rows.total
    line = f"{total} {adjective} row{'s' if total != 1 else ''} (showing {len(rows.rows)})"
    if rows.relation:
        line += f"; see all: select * from {rows.relation}"
    console.print(Text(line, style="bold"), soft_wrap=True)
    table = rows_table(rows)
    if Measurement.get(console, console.options.update_width(UNBOUNDED), table).maximum <= console.width:
        console.print(table)
        return
    width = max(len(c) for c in rows.columns)
    for number, row in enumerate(rows.rows, start=1):
        console.print(Text(f"row {number} of {len(rows.rows)}", style="bold"))
        for column, value in zip(rows.columns, row, strict=True):
            console.print(Text.assemble(f"  {column:<{width}}  ", _cell(value)), soft_wrap=True)


def rows_table(rows: Rows) -> Table:
    table = Table(header_style="bold", show_lines=False)
    for column in rows.columns:
        table.add_column(column, no_wrap=True)
    for row in rows.rows:
        table.add_row(*(_cell(v) for v in row))
    return table


def _cell(value: Any) -> Text:
    if value is None:
        return Text("null", style="dim italic")
    return Text(str(value))


def hint_view(console: Console, view: HintView) -> None:
    etude = view.etude
    console.print(Text(f"{etude.id} {etude.title}: hint {view.level} of {len(etude.hints)}", style="bold"))
    for number, text in enumerate(view.hints, start=1):
        latest = number == view.level
        console.print(
            Panel(
                Markdown(text),
                title=f"{number}. {HINT_KIND[number - 1] if number <= len(HINT_KIND) else 'Hint'}",
                border_style="cyan" if latest else "dim",
            )
        )
    if view.exhausted:
        console.print(f"That was the last hint. The solution opens once [bold].venv/bin/etudes check {etude.id}[/bold] passes.")
    else:
        console.print(f"Run [bold].venv/bin/etudes hint {etude.id}[/bold] again for the next one.")


def solution_view(console: Console, etude: Etude, diffs: list[FileDiff]) -> None:
    """The diffs whole, never cut at the width: each line as it is (a terminal wraps it), through a
    pager when it is longer than the terminal, as git shows a diff."""
    lines = [Text(f"{etude.id} {etude.title}: the reference solution (one correct fix among several)", style="bold")]
    for diff in diffs:
        label = "new file" if diff.added else "changed"
        lines.append(Text(f"{diff.path} ({label})", style="bold"))
        for line in (diff.diff or "(identical to the shipped file)\n").splitlines():
            lines.append(Text(line, style=_diff_style(line)))
    paged = console.is_terminal and len(lines) > console.height
    with console.pager() if paged else nullcontext():
        for line in lines:
            console.print(line, soft_wrap=True, highlight=False)


def _diff_style(line: str) -> str:
    if line.startswith(("+++", "---")):
        return "bold"
    if line.startswith("@@"):
        return "cyan"
    return {"+": "green", "-": "red"}.get(line[:1], "")


def verify_report(console: Console, report: VerifyReport) -> None:
    if not report.outcomes:
        console.print("No etude is available yet: nothing to verify.")
        return
    table = Table(title="etudes verify", title_justify="left", header_style="bold")
    table.add_column("etude", no_wrap=True)
    table.add_column("target", no_wrap=True)
    table.add_column("as shipped fails")
    table.add_column("with solution")
    table.add_column("verdict")
    for outcome in report.outcomes:
        shipped = _failed_names(outcome.shipped.failed) if outcome.shipped else "-"
        solved = ("all pass" if outcome.solved.passed else _failed_names(outcome.solved.failed)) if outcome.solved else "-"
        if outcome.solved is not None and outcome.solved.variants_passed:
            solved += " (and on data variants " + ", ".join(map(str, outcome.solved.variants_passed)) + ")"
        elif outcome.solved is not None and outcome.solved.variant is not None:
            solved += f" (on data variant {outcome.solved.variant})"
        count = len(outcome.problems)
        verdict = (Text("ok", style="bold green") if outcome.ok
                   else Text(f"{count} problem{'s' if count != 1 else ''}, below", style="red"))  # fmt: skip
        table.add_row(outcome.etude_id, outcome.target, shipped, solved, verdict)
    console.print(table)
    bad = [o for o in report.outcomes if not o.ok]
    for outcome in bad:
        console.print(Text(f"{outcome.etude_id} on {outcome.target}:", style="bold red"))
        for problem in outcome.problems:
            console.print(Text(f"  - {problem}"), soft_wrap=True)
    if bad:
        console.print(Text(f"verify failed for {len(bad)} of {len(report.outcomes)} runs.", style="bold red"))
    else:
        console.print(Text(f"verify passed: {len(report.outcomes)} runs as the catalog says.", style="bold green"))


def _failed_names(names: frozenset[str]) -> str:
    return ", ".join(sorted(names)) or "nothing"


def demo_summary(console: Console, report: DemoReport) -> None:
    _invocation_summary(console, "platform (seeds, models, tests)", report.platform)
    if report.etudes is not None:
        _invocation_summary(console, "etude models (their checks are yours to run)", report.etudes)


def _invocation_summary(console: Console, label: str, invocation: Invocation) -> None:
    count = len(invocation.nodes)
    if invocation.success:
        console.print(Text(f"built {label}: {count} nodes in {invocation.seconds:.1f} s", style="green"))
        return
    console.print(Text(f"{label}: dbt failed", style="bold red"))
    if invocation.error:
        console.print("  " + invocation.error[:500])
    for node in invocation.nodes:
        if node.failed:
            console.print(f"  {node.resource_type} {node.name}: {node.message[:300]}")


def lineage_view(console: Console, lineage: Lineage) -> None:
    """The lineage read left to right: what the etude reads, its own nodes, what reads them;
    each node with its resource type and the nodes of the lineage it reads. One line per node:
    a narrow terminal wraps it rather than splitting names."""
    console.print(
        Text(f"{lineage.etude_id} {lineage.title}: lineage from dbt's manifest ({lineage.folder})", style="bold"),
        soft_wrap=True,
    )
    type_width = max(len(n.resource_type) for n in lineage.nodes)
    name_width = max(len(n.name) for n in lineage.nodes)
    for stage, title, when_empty in LINEAGE_STAGES:
        console.print(Text(title, style="bold"))
        members = lineage.stage(stage)
        if not members:
            console.print(Text(f"  ({when_empty})", style="dim"), soft_wrap=True)
        for node in members:
            reads = ", ".join(lineage.node(uid).name for uid in node.reads)
            line = Text.assemble(
                f"  {node.resource_type:<{type_width}}  ",
                (node.name, "bold" if stage == ETUDE else ""),
                (f"{'':<{name_width - len(node.name)}}  <- {reads}" if reads else "", "dim"),
            )
            console.print(line, soft_wrap=True)
    console.print(f"As a Mermaid diagram: [bold].venv/bin/etudes lineage {lineage.etude_id} --mermaid[/bold]", soft_wrap=True)

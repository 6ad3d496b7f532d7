"""An etude's lineage: its nodes, what they read, and what reads them, drawn from dbt's manifest.

Pure functions over the graph ``DbtRunner.graph(invocation)`` returns: which nodes belong to the etude,
the Mermaid diagram of them, and the generated block in the etude's README between the markers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from etudes.catalog import Etude
from etudes.dbt_runner import GraphNode
from etudes.errors import EtudesError

UPSTREAM = "upstream"
ETUDE = "etude"
DOWNSTREAM = "downstream"
STAGES = (UPSTREAM, ETUDE, DOWNSTREAM)
# Read after the etude's models, outside its folder: what keeps their history or consumes them.
DOWNSTREAM_TYPES = frozenset({"snapshot", "exposure"})
START_MARKER = "<!-- lineage:start -->"
END_MARKER = "<!-- lineage:end -->"


class LineageError(EtudesError):
    """The etude has no nodes in the manifest, or its README has no place for the diagram."""


@dataclass(frozen=True)
class LineageNode:
    unique_id: str
    name: str
    resource_type: str
    stage: str
    reads: tuple[str, ...]  # unique ids of the nodes of this lineage it reads, sorted


@dataclass(frozen=True)
class Lineage:
    etude_id: str
    title: str
    folder: str
    nodes: tuple[LineageNode, ...]  # upstream, etude, downstream; each in reading order, then by name

    def stage(self, stage: str) -> tuple[LineageNode, ...]:
        return tuple(n for n in self.nodes if n.stage == stage)

    def node(self, unique_id: str) -> LineageNode:
        return next(n for n in self.nodes if n.unique_id == unique_id)

    @property
    def edges(self) -> tuple[tuple[LineageNode, LineageNode], ...]:
        """(parent, child) pairs, in node order."""
        by_id = {n.unique_id: n for n in self.nodes}
        return tuple((by_id[parent], node) for node in self.nodes for parent in node.reads)


def etude_lineage(graph: Mapping[str, GraphNode], etude: Etude) -> Lineage:
    """The etude's own nodes (defined under its folder), the nodes they read directly, and the
    snapshots and exposures that read them, directly or through each other. An exposure is a
    consumer: it is downstream wherever it is declared."""
    prefix = etude.folder.rstrip("/") + "/"
    defined_here = {uid for uid, node in graph.items() if node.original_file_path.startswith(prefix)}
    own = {uid for uid in defined_here if graph[uid].resource_type != "exposure"}
    if not own:
        raise LineageError(f"dbt's manifest holds no node under {etude.folder}: is {etude.id}'s folder there and enabled?")
    downstream: set[str] = defined_here - own
    grown = True
    while grown:
        reached = own | downstream
        found = {
            uid
            for uid, node in graph.items()
            if uid not in reached and node.resource_type in DOWNSTREAM_TYPES and reached.intersection(node.depends_on)
        }
        downstream |= found
        grown = bool(found)
    upstream = {parent for uid in own | downstream for parent in graph[uid].depends_on if parent in graph} - own - downstream
    stage_of = {**{u: UPSTREAM for u in upstream}, **{u: ETUDE for u in own}, **{u: DOWNSTREAM for u in downstream}}
    depth = _depths(graph, stage_of)
    nodes = [
        LineageNode(
            unique_id=uid,
            name=graph[uid].name,
            resource_type=graph[uid].resource_type,
            stage=stage,
            reads=_reads(graph, uid, stage_of) if stage != UPSTREAM else (),
        )
        for uid, stage in stage_of.items()
    ]
    nodes.sort(key=lambda n: (STAGES.index(n.stage), depth[n.unique_id], n.name, n.unique_id))
    return Lineage(etude.id, etude.title, etude.folder, tuple(nodes))


def _reads(graph: Mapping[str, GraphNode], uid: str, stage_of: Mapping[str, str]) -> tuple[str, ...]:
    """The nodes of the lineage ``uid`` reads, by name."""
    return tuple(sorted((p for p in graph[uid].depends_on if p in stage_of), key=lambda p: (graph[p].name, p)))


def _depths(graph: Mapping[str, GraphNode], stage_of: Mapping[str, str]) -> dict[str, int]:
    """Longest path from a node of the lineage that reads nothing in it: the order a person reads a DAG in."""
    depth: dict[str, int] = {}

    def of(uid: str) -> int:
        if uid not in depth:
            parents = [p for p in graph[uid].depends_on if p in stage_of] if stage_of[uid] != UPSTREAM else []
            depth[uid] = 1 + max((of(p) for p in parents), default=-1)
        return depth[uid]

    for uid in stage_of:
        of(uid)
    return depth


# --- Mermaid and the README block ---------------------------------------------------------


def mermaid(lineage: Lineage) -> str:
    """A Mermaid ``flowchart LR``: one subgraph per stage, node ids stable across runs."""
    ids = _mermaid_ids(lineage)
    titles = {UPSTREAM: "what it reads", ETUDE: f"{lineage.etude_id} {lineage.title}", DOWNSTREAM: "what reads it"}
    lines = ["flowchart LR"]
    for stage in STAGES:
        members = lineage.stage(stage)
        if not members:
            continue
        lines.append(f'    subgraph {stage}["{_label(titles[stage])}"]')
        lines += [f'        {ids[n.unique_id]}["{_label(n.name)} ({n.resource_type})"]' for n in members]
        lines.append("    end")
    lines += [f"    {ids[parent.unique_id]} --> {ids[child.unique_id]}" for parent, child in lineage.edges]
    return "\n".join(lines) + "\n"


def _mermaid_ids(lineage: Lineage) -> dict[str, str]:
    """``<type>_<name>`` with every character Mermaid could misread made ``_``; a clash gets a number."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node in sorted(lineage.nodes, key=lambda n: n.unique_id):
        base = re.sub(r"[^0-9A-Za-z_]", "_", f"{node.resource_type}_{node.name}")
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}_{number}", number + 1
        ids[node.unique_id] = candidate
        taken.add(candidate)
    return ids


def _label(text: str) -> str:
    return text.replace('"', "#quot;")


def readme_block(lineage: Lineage, command: str) -> str:
    """What goes between the markers: a note on where it comes from, then the fenced diagram."""
    return (
        f"\n<!-- generated from dbt's manifest by `{command}`: do not edit by hand -->\n"
        f"```mermaid\n{mermaid(lineage)}```\n"
    )


def current_block(text: str, where: str) -> str:
    """The text between the markers; LineageError when they are missing, repeated or out of order."""
    if text.count(START_MARKER) != 1 or text.count(END_MARKER) != 1:
        raise LineageError(f"{where} needs exactly one {START_MARKER} and one {END_MARKER} line to hold the diagram")
    start = text.index(START_MARKER) + len(START_MARKER)
    end = text.index(END_MARKER)
    if end < start:
        raise LineageError(f"{where} has {END_MARKER} before {START_MARKER}")
    return text[start:end]


def with_block(text: str, block: str, where: str) -> str:
    """``text`` with the lines between the markers replaced by ``block``; nothing else changes."""
    old = current_block(text, where)
    start = text.index(START_MARKER) + len(START_MARKER)
    return text[:start] + block + text[start + len(old) :]

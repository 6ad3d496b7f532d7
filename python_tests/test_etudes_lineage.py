"""`etudes lineage`: an etude's dependency graph from dbt's manifest, as text, as Mermaid, and as
the diagram in the etude's README, which must stay what the manifest says.

The real project is parsed once for this module (`real_graph`); the expected nodes and edges
below come from reading the etudes' SQL, not from the command's output."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from etudes_support import ISOLATION_VARS, REPO, copy_fixture, run_cli
from rich.console import Console

from etudes import display, engine
from etudes.dbt_runner import GraphNode
from etudes.lineage import (
    DOWNSTREAM,
    END_MARKER,
    ETUDE,
    START_MARKER,
    UPSTREAM,
    Lineage,
    LineageError,
    current_block,
    etude_lineage,
    mermaid,
    readme_block,
    with_block,
)
from etudes.workspace import Project


@pytest.fixture(scope="module")
def real_target(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lineage_target")


@pytest.fixture(scope="module")
def real_graph(real_target: Path) -> dict[str, GraphNode]:
    """One `dbt parse` of the repository for the whole module, into a target folder of its own."""
    environ = {**os.environ, "DBT_TARGET_PATH": str(real_target / "target"), "DBT_LOG_PATH": str(real_target / "logs")}
    environ["DATA_ETUDES_DUCKDB_PATH"] = str(real_target / "unused.duckdb")
    return engine.project_graph(Project(REPO), "duckdb", environ)


def stages(lineage: Lineage) -> dict[str, set[tuple[str, str]]]:
    return {stage: {(n.resource_type, n.name) for n in lineage.stage(stage)} for stage in (UPSTREAM, ETUDE, DOWNSTREAM)}


def edges(lineage: Lineage) -> set[tuple[str, str]]:
    return {(parent.name, child.name) for parent, child in lineage.edges}


def real_lineage(graph: dict[str, GraphNode], etude_id: str) -> Lineage:
    return etude_lineage(graph, Project(REPO).catalog().get(etude_id))


# --- the real etudes ----------------------------------------------------------------------


def test_dme_010_lineage_is_its_three_models_and_what_they_read(real_graph: dict[str, GraphNode]) -> None:
    lineage = real_lineage(real_graph, "10")
    assert stages(lineage) == {
        UPSTREAM: {("model", "stg_shop__customers"), ("model", "stg_shop__web_events")},
        ETUDE: {
            ("model", "dme_010__customer_contacts"),
            ("model", "dme_010__marketing_customers"),
            ("model", "dme_010__web_activity"),
        },
        DOWNSTREAM: set(),
    }
    assert edges(lineage) == {
        ("stg_shop__customers", "dme_010__customer_contacts"),
        ("dme_010__customer_contacts", "dme_010__marketing_customers"),
        ("stg_shop__web_events", "dme_010__web_activity"),
    }
    # Read in order: a model comes after the models it reads.
    names = [n.name for n in lineage.nodes]
    assert names.index("dme_010__customer_contacts") < names.index("dme_010__marketing_customers")


def test_versions_and_sources_of_an_etude_are_nodes_of_their_own(real_graph: dict[str, GraphNode]) -> None:
    versions = real_lineage(real_graph, "2")
    assert stages(versions)[ETUDE] == {("model", "dme_002__orders v1"), ("model", "dme_002__orders v2")}
    assert edges(versions) == {
        ("orders", "dme_002__orders v1"),
        ("orders", "dme_002__orders v2"),
        ("stg_shop__orders", "dme_002__orders v2"),
    }
    declared = real_lineage(real_graph, "3")
    assert ("source", "dme_003_pim.product_versions") in stages(declared)[ETUDE]
    assert ("dme_003_pim.product_versions", "dme_003__product_versions") in edges(declared)


def test_text_view_names_every_node_with_its_type_and_inputs(real_graph: dict[str, GraphNode]) -> None:
    buffer = io.StringIO()
    display.lineage_view(Console(file=buffer, width=200, color_system=None), real_lineage(real_graph, "10"))
    lines = [" ".join(line.split()) for line in buffer.getvalue().splitlines()]
    assert lines[0] == "DME-010 Data Governance: lineage from dbt's manifest (models/etudes/dme_010_governance)"
    assert lines[1:] == [
        "what it reads",
        "model stg_shop__customers",
        "model stg_shop__web_events",
        "the etude",
        "model dme_010__customer_contacts <- stg_shop__customers",
        "model dme_010__web_activity <- stg_shop__web_events",
        "model dme_010__marketing_customers <- dme_010__customer_contacts",
        "what reads it",
        "(no snapshot or exposure reads the etude's models)",
        "As a Mermaid diagram: .venv/bin/etudes lineage DME-010 --mermaid",
    ]


def test_mermaid_of_dme_010(real_graph: dict[str, GraphNode]) -> None:
    assert mermaid(real_lineage(real_graph, "10")) == (
        "flowchart LR\n"
        '    subgraph upstream["what it reads"]\n'
        '        model_stg_shop__customers["stg_shop__customers (model)"]\n'
        '        model_stg_shop__web_events["stg_shop__web_events (model)"]\n'
        "    end\n"
        '    subgraph etude["DME-010 Data Governance"]\n'
        '        model_dme_010__customer_contacts["dme_010__customer_contacts (model)"]\n'
        '        model_dme_010__web_activity["dme_010__web_activity (model)"]\n'
        '        model_dme_010__marketing_customers["dme_010__marketing_customers (model)"]\n'
        "    end\n"
        "    model_stg_shop__customers --> model_dme_010__customer_contacts\n"
        "    model_stg_shop__web_events --> model_dme_010__web_activity\n"
        "    model_dme_010__customer_contacts --> model_dme_010__marketing_customers\n"
    )


def test_the_command_on_the_repository_prints_the_same_diagram(
    real_graph: dict[str, GraphNode], real_target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same target folder as the module's parse: dbt re-parses only what changed.
    monkeypatch.setenv("DBT_TARGET_PATH", str(real_target / "target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(real_target / "logs"))
    monkeypatch.setenv("DATA_ETUDES_DUCKDB_PATH", str(real_target / "unused.duckdb"))
    run = run_cli("lineage", "dme-010", "--mermaid", "--project-dir", str(REPO))
    assert run.code == 0, run.output
    assert run.output == mermaid(real_lineage(real_graph, "10"))


def test_readme_diagrams_match_the_manifest(real_graph: dict[str, GraphNode]) -> None:
    """Every etude README with the lineage markers holds exactly what `etudes lineage <id> --write`
    draws now; the capstone's must have them once it is available."""
    project = Project(REPO)
    catalog = project.catalog()
    drawn = []
    for etude in catalog.etudes:
        readme = REPO / etude.folder / "README.md"
        if not readme.is_file() or START_MARKER not in readme.read_text(encoding="utf-8"):
            continue
        where = f"{etude.folder}/README.md"
        block = current_block(readme.read_text(encoding="utf-8"), where)
        expected = readme_block(etude_lineage(real_graph, etude), engine.lineage_command(etude.id))
        assert block == expected, f"{where} is stale: run `etudes lineage {etude.id} --write`"
        drawn.append(etude.id)
    if catalog.get("DME-011").available:
        assert "DME-011" in drawn, "the capstone's README must carry its lineage between the markers"


# --- the command, on the fixture project --------------------------------------------------


@pytest.fixture
def fixture_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the fixture project with a snapshot and two exposures downstream of DME-001
    (one declared outside the etude's folder, one inside it)."""
    for name in ISOLATION_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_ETUDES_DUCKDB_PATH", str(tmp_path / "fixture.duckdb"))
    root = copy_fixture(tmp_path)
    (root / "snapshots").mkdir()
    (root / "snapshots" / "customer_revenue_snapshot.yml").write_text(
        "snapshots:\n"
        "  - name: customer_revenue_snapshot\n"
        "    relation: ref('customer_revenue')\n"
        "    config: {unique_key: customer_id, strategy: check, check_cols: all}\n"
    )
    (root / "models" / "_exposures.yml").write_text(
        "exposures:\n"
        "  - name: revenue_history_dashboard\n"
        "    type: dashboard\n"
        "    owner: {name: Finance}\n"
        "    depends_on: [ref('customer_revenue_snapshot')]\n"
    )
    # Declared in the etude's folder, yet a consumer: drawn downstream all the same.
    (root / "models" / "etudes" / "dme_001_revenue" / "_dme_001__exposures.yml").write_text(
        "exposures:\n"
        "  - name: finance_export\n"
        "    type: application\n"
        "    owner: {name: Finance}\n"
        "    depends_on: [ref('customer_revenue')]\n"
    )
    yield root


FIXTURE_MERMAID = (
    "flowchart LR\n"
    '    subgraph upstream["what it reads"]\n'
    '        seed_raw_orders["raw_orders (seed)"]\n'
    '        seed_raw_payments["raw_payments (seed)"]\n'
    "    end\n"
    '    subgraph etude["DME-001 Revenue per customer"]\n'
    '        model_customer_revenue["customer_revenue (model)"]\n'
    "    end\n"
    '    subgraph downstream["what reads it"]\n'
    '        snapshot_customer_revenue_snapshot["customer_revenue_snapshot (snapshot)"]\n'
    '        exposure_finance_export["finance_export (exposure)"]\n'
    '        exposure_revenue_history_dashboard["revenue_history_dashboard (exposure)"]\n'
    "    end\n"
    "    seed_raw_orders --> model_customer_revenue\n"
    "    seed_raw_payments --> model_customer_revenue\n"
    "    model_customer_revenue --> snapshot_customer_revenue_snapshot\n"
    "    model_customer_revenue --> exposure_finance_export\n"
    "    snapshot_customer_revenue_snapshot --> exposure_revenue_history_dashboard\n"
)


def test_text_mermaid_and_write_on_the_fixture(fixture_root: Path) -> None:
    root = str(fixture_root)
    text = run_cli("lineage", "1", "--project-dir", root)
    assert text.code == 0, text.output
    lines = [" ".join(line.split()) for line in text.output.splitlines()]
    assert "seed raw_orders" in lines and "seed raw_payments" in lines
    assert "model customer_revenue <- raw_orders, raw_payments" in lines
    assert "snapshot customer_revenue_snapshot <- customer_revenue" in lines
    assert "exposure finance_export <- customer_revenue" in lines
    assert "exposure revenue_history_dashboard <- customer_revenue_snapshot" in lines

    assert run_cli("lineage", "1", "--mermaid", "--project-dir", root).output == FIXTURE_MERMAID

    readme = fixture_root / "models" / "etudes" / "dme_001_revenue" / "README.md"
    before = readme.read_text()
    readme.write_text(f"{before}\n## Lineage\n\n{START_MARKER}\nstale\n{END_MARKER}\n\nAfter the diagram.\n")
    written = run_cli("lineage", "1", "--write", "--project-dir", root)
    assert written.code == 0, written.output
    assert "models/etudes/dme_001_revenue/README.md: lineage diagram redrawn (6 nodes)." in written.output
    assert readme.read_text() == (
        f"{before}\n## Lineage\n\n{START_MARKER}\n"
        "<!-- generated from dbt's manifest by `etudes lineage DME-001 --write`: do not edit by hand -->\n"
        f"```mermaid\n{FIXTURE_MERMAID}```\n{END_MARKER}\n\nAfter the diagram.\n"
    )
    again = run_cli("lineage", "1", "--write", "--project-dir", root)
    assert "lineage diagram already current" in again.output


def assert_one_line_error(run, *fragments: str) -> None:
    assert run.code == 2, run.output
    assert "Traceback" not in run.output
    assert len([line for line in run.output.splitlines() if line.strip()]) == 1, run.output
    for fragment in fragments:
        assert fragment in run.output, run.output


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["lineage", "42"], ("no etude DME-042", "etudes list")),
        (["lineage", "3"], ("DME-003", "coming soon")),
        (["lineage", "1", "--write"], ("dme_001_revenue/README.md", START_MARKER, END_MARKER)),
    ],
)
def test_user_errors_are_one_line_before_any_parse(fixture_root: Path, argv: list[str], fragments: tuple[str, ...]) -> None:
    assert_one_line_error(run_cli(*argv, "--project-dir", str(fixture_root)), *fragments)
    assert not (fixture_root / "target").exists(), "dbt ran although the request could not be served"


def test_a_parse_failure_is_one_line(fixture_root: Path) -> None:
    (fixture_root / "models" / "etudes" / "dme_001_revenue" / "broken.sql").write_text("select * from {{ ref('nope') }}\n")
    run = run_cli("lineage", "1", "--project-dir", str(fixture_root))
    assert_one_line_error(run, "dbt parse failed", "broken.sql", "'nope'")


def test_markers_out_of_order_or_repeated_are_refused() -> None:
    with pytest.raises(LineageError, match="before"):
        current_block(f"{END_MARKER}\n{START_MARKER}\n", "README.md")
    with pytest.raises(LineageError, match="exactly one"):
        with_block(f"{START_MARKER}\n{END_MARKER}\n{START_MARKER}\n", "x", "README.md")
    assert with_block(f"a\n{START_MARKER}old{END_MARKER}\nb\n", "\nnew\n", "R") == f"a\n{START_MARKER}\nnew\n{END_MARKER}\nb\n"


def test_an_etude_without_nodes_in_the_manifest_is_one_clear_error() -> None:
    etude = Project(REPO).catalog().get("10")
    with pytest.raises(LineageError, match="no node under models/etudes/dme_010_governance"):
        etude_lineage({}, etude)

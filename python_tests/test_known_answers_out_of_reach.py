"""No etude can be solved by reading its known answers: a copy is named by the project's gate.

For every etude, the model its known-answer check compares is replaced by a copy of that answer
(`seeds/expected/`), read through ref() in one etude and by a literal name built from the target
in the next. One parse per engine holds all eleven copies; the gate every `etudes check` runs,
`no_model_reads_the_known_answers`, must return exactly one row per copy, naming the model's
file, the seed and how it reads it. (DME-003's copies run end to end, check and message, in
test_etude_fixes.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from etudes_support import REPO, TARGETS

from etudes.engine import ScratchSession
from etudes.workspace import Project, solution_files

PROJECT = Project(REPO)
GATE = "select * from ({{ data_etudes.test_known_answers_out_of_reach(model=none, seed_paths='seeds/expected/') }}) as f"

# etude -> (the model its known-answer check compares, the known answer it copies)
COPIED: dict[str, tuple[str, str]] = {
    "DME-001": ("dme_001_schema_design/dme_001__catalogue_products", "expected_dme_001__catalogue_products"),
    "DME-002": ("dme_002_migration_safety/dme_002__orders_v2", "expected_dme_002__order_sales_channels"),
    "DME-003": ("dme_003_query_review/dme_003__category_sales_monthly", "expected_dme_003__category_sales_monthly"),
    "DME-004": ("dme_004_pipeline_specification/dme_004__customers", "expected_dme_004__customers"),
    "DME-005": ("dme_005_quality_gates/dme_005__marketplace_daily_sales", "expected_dme_005__marketplace_daily_sales"),
    "DME-006": ("dme_006_context_problem/dme_006__payments", "expected_dme_006__payments"),
    "DME-007": ("dme_007_idempotency/dme_007__web_events", "expected_dme_007__web_events"),
    "DME-008": ("dme_008_performance/dme_008__trading_day_report", "expected_dme_008__trading_day_report"),
    "DME-009": ("dme_009_access_pattern/answers/dme_009__card_payment_share", "expected_dme_009__card_payment_share"),
    "DME-010": ("dme_010_governance/dme_010__marketing_customers", "expected_dme_010__marketing_customers"),
    "DME-011": ("dme_011_capstone/dme_011__marketing_audience", "expected_dme_011__marketing_audience"),
}


def _read_through(position: int, seed: str) -> str:
    """How the copy reads its known answer: ref() and a literal name, in turn."""
    return f"ref('{seed}')" if position % 2 == 0 else f"{{{{ target.schema }}}}_expected.{seed}"


def test_every_etude_has_a_copy_case() -> None:
    catalog = PROJECT.catalog()
    assert set(COPIED) == {etude.id for etude in catalog.available}
    for etude_id, (model, seed) in COPIED.items():
        assert (REPO / "models" / "etudes" / f"{model}.sql").is_file(), model
        assert (REPO / "seeds" / "expected" / f"{seed}.csv").is_file(), seed
        assert catalog.get(etude_id).folder in f"models/etudes/{model}", (etude_id, model)


@pytest.mark.parametrize("target", TARGETS)
def test_a_copy_of_the_known_answers_is_named_on_every_etude(etude_session, tmp_path: Path, target: str) -> None:
    session: ScratchSession = etude_session(target)
    catalog = session.project.catalog()
    overlay: dict[str, Path] = {}
    for etude_id in COPIED:
        overlay.update(solution_files(PROJECT, catalog.get(etude_id)))
    for position, (model, seed) in enumerate(COPIED.values()):
        relative = f"models/etudes/{model}.sql"
        body = _read_through(position, seed)
        text = f"select * from {{{{ {body} }}}}\n" if body.startswith("ref(") else f"select * from {body}\n"
        copy = tmp_path / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(f"-- the known answer, copied\n{text}", encoding="utf-8")
        overlay[relative] = copy

    with session.scratch.overlay(overlay):
        parsed = session.runner.invoke("parse")
        assert parsed.success, parsed.describe_failure()
        shown, rows = session.runner.show(GATE, limit=100)
    assert shown.success, shown.describe_failure()
    found = [dict(zip(rows.columns, row, strict=True)) for row in rows.rows]
    named = sorted((r["file_path"], r["seed_name"], r["read_through"]) for r in found)
    expected = sorted(
        (f"models/etudes/{model}.sql", seed, _read_through(position, seed))
        for position, (model, seed) in enumerate(COPIED.values())
    )
    assert named == expected, found
    for row in found:
        assert f"reads the known answer {row['seed_name']}" in row["failure_reason"], row

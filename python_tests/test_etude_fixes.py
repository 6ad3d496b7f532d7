"""Every etude's alternative and wrong fixes: the checks judge outcomes, not the text of a fix.

A fix is a patch, ``models/etudes/<folder>/.meta/fixes/<fix>.patch``, against the shipped trap or the
reference solution, and its expected verdict is data in ``fixes.toml`` beside it (read by
etudes/fixes.py): which checks must fail (none, for a correct alternative written differently
from the reference solution), whether exactly those, on which engines, and why. Applied to its
base and written to a temporary overlay, it replaces files of the trap for one run of the
etude's checks in the suite's shared seeded scratch copy of each engine (conftest's
`etude_session`).

An etude whose report says more than a verdict (the known answer a copy reads, the run log a gate
stopped, the relation the lineage gate names, the reader role's scenario) checks that too, in
FURTHER below.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from etudes_support import (
    FULL_PROOF,
    REPO,
    FixRun,
    assert_fix_outcome,
    assert_fix_verdict,
    fix_folders,
    fix_overlay,
    fix_run,
    judged_etude,
)

from etudes.engine import ScratchSession
from etudes.fixes import FIXES_FILE, Fix, fix_texts, load_fixes
from etudes.workspace import Project, load_snapshot

RULES_FILE = "RULES.md"
FOLDERS = fix_folders()
ALL = {key: load_fixes(folder) for key, folder in FOLDERS.items()}
PROJECT = Project(REPO)
# `make test` runs each fix whose verdict is the same on every engine on one of them, in turn (an
# etude's first wrong fix on DuckDB, its next on PostgreSQL, ...; likewise its correct alternatives,
# of which every etude has at least two), so that both engines judge every etude's wrong fixes and
# its alternatives and the suite stays within its time. A fix with a verdict per engine, or on one
# engine only, runs as listed; a wrong fix is judged on the checks it must fail
# (etudes_support.judged_etude). `make test-full` (DATA_ETUDES_FULL_PROOF=1) runs every fix on
# every engine against every check.


def _engines_in_this_run(fix: Fix, turn: int) -> tuple[str, ...]:
    same_verdict = len(set(fix.must_fail_by_engine.values())) <= 1
    if FULL_PROOF or not same_verdict or len(fix.engines) < 2:
        return fix.engines
    return (fix.engines[turn % len(fix.engines)],)


def _correct(fix: Fix) -> bool:
    return not any(fix.must_fail_by_engine.values())


def _planned() -> list[tuple[str, str, str]]:
    """Every (etude folder, fix, engine) run of this suite."""
    planned = []
    for key, fixes in ALL.items():
        for fix in fixes.fixes:
            kin = [other for other in fixes.fixes if _correct(other) == _correct(fix)]
            planned += [(key, fix.name, engine) for engine in _engines_in_this_run(fix, kin.index(fix))]
    return planned


def test_each_engine_judges_every_etudes_wrong_fixes_and_alternatives() -> None:
    """However `make test` shares the fixes out, each engine judges at least one wrong fix and one
    correct alternative of every etude."""
    for key, fixes in ALL.items():
        for correct in (True, False):
            names = {fix.name for fix in fixes.fixes if _correct(fix) is correct}
            engines = {engine for k, name, engine in _planned() if k == key and name in names}
            assert engines == {"duckdb", "postgres"}, (key, "alternatives" if correct else "wrong fixes", engines)


# A fix is judged together with fixes of other etudes (one build and one test run for up to eleven
# fixes: `ScratchSession.check_together`) unless its verdict needs a run of its own: a fix tuned to
# the shipped data is judged on a variant too, and a fix the project's gates must catch (a copy of
# the known answers) would fail them for every etude it shares the run with.
PROJECT_CHECKS = frozenset(check for etude in PROJECT.catalog().available for check in etude.project_checks)


# DATA_ETUDES_FIXES_ALONE=1 runs every fix alone, each a test of its own (`-k <fix>` selects one).
EVERY_FIX_ALONE = os.environ.get("DATA_ETUDES_FIXES_ALONE") == "1"


def _alone(fix: Fix) -> bool:
    return EVERY_FIX_ALONE or fix.on_variant or bool(set().union(*fix.must_fail_by_engine.values()) & PROJECT_CHECKS)


def _plan() -> tuple[list[Any], list[Any]]:
    """The runs of one fix each, and the batches of fixes of different etudes (the i-th fix of each
    etude on an engine in batch i)."""
    alone, together = [], {}
    for key, name, engine in _planned():
        if _alone(ALL[key].get(name)):
            alone.append(pytest.param(key, name, engine, id=f"{key}-{name}-{engine}"))
        else:
            together.setdefault(engine, {}).setdefault(key, []).append(name)
    batches = []
    for engine, by_etude in together.items():
        for index in range(max(len(names) for names in by_etude.values())):
            members = tuple((key, names[index]) for key, names in by_etude.items() if index < len(names))
            batches.append(pytest.param(engine, members, id=f"{engine}-{index + 1:02d}"))
    return alone, batches


RUNS, BATCHES = _plan()


@pytest.mark.parametrize(("key", "name", "engine"), RUNS)
def test_checks_judge_outcomes_not_text(
    etude_session: Callable[[str], ScratchSession], tmp_path: Path, key: str, name: str, engine: str
) -> None:
    fixes = ALL[key]
    fix = fixes.get(name)
    session = etude_session(engine)
    _judge_further(session, fixes.etude_id, fix, assert_fix_outcome(session, fixes.etude_id, fix, tmp_path))


@pytest.mark.parametrize(("engine", "members"), BATCHES)
def test_checks_judge_outcomes_not_text_together(
    etude_session: Callable[[str], ScratchSession], tmp_path: Path, engine: str, members: tuple[tuple[str, str], ...]
) -> None:
    """Fixes of different etudes from one build and one test run: each gets the verdict it gets alone."""
    session = etude_session(engine)
    catalog = session.project.catalog()
    items = []
    for key, name in members:
        etude, fix = catalog.get(ALL[key].etude_id), ALL[key].get(name)
        items.append((judged_etude(etude, fix, engine), fix_overlay(etude, fix, tmp_path / key)))
    reports = session.check_together(items)
    problems = []
    for (key, name), (etude, _), report in zip(members, items, reports, strict=True):
        fix = ALL[key].get(name)
        try:
            _judge_further(session, etude.id, fix, assert_fix_verdict(session, fix, fix_run(session, etude, fix, report)))
        except AssertionError as failure:
            problems.append(f"{key} {name} on {engine}: {failure}")
    assert not problems, "\n\n".join(problems)


def _judge_further(session: ScratchSession, etude_id: str, fix: Fix, run: FixRun) -> None:
    results = {result.name: result for result in run.report.results}
    for check, phrase in fix.actual_contains.items():
        assert phrase in results[check].actual, f"{fix.name} on {session.target}: {results[check].actual}"
    if etude_id in FURTHER:
        FURTHER[etude_id](session, fix, run)


# --- what the fixes are, without dbt -----------------------------------------------------------


def test_every_fix_folder_holds_patches_and_their_verdicts_only() -> None:
    """No whole-file copy is left: a folder per etude holds fixes.toml, one patch per fix in it, and
    the maintainers' rule table (RULES.md: each rule the brief states, the rows on its edge, the check
    that fails when it is broken, the wrong fixes that prove it)."""
    catalog = Project(REPO).catalog()
    assert set(FOLDERS) == {etude.key for etude in catalog.available}
    for key, folder in FOLDERS.items():
        fixes = ALL[key]
        assert catalog.get(fixes.etude_id).key == key, (folder, fixes.etude_id)
        expected = {FIXES_FILE} | {f"{fix.name}.patch" for fix in fixes.fixes}
        assert {path.name for path in folder.iterdir()} - {RULES_FILE} == expected, folder


@pytest.mark.parametrize(
    ("key", "name"), [pytest.param(key, fix.name, id=f"{key}-{fix.name}") for key in ALL for fix in ALL[key].fixes]
)
def test_every_patch_applies_to_its_base_and_stays_in_the_etude(key: str, name: str) -> None:
    project = Project(REPO)
    fixes = ALL[key]
    etude = project.catalog().get(fixes.etude_id)
    fix = fixes.get(name)
    texts = fix_texts(project, etude, fix)  # a patch that does not apply cleanly raises, naming its hunk
    assert texts, f"{name}: no files"
    assert all(path.startswith(etude.folder + "/") for path in texts), f"{name}: {sorted(texts)}"
    shipped = load_snapshot(project)
    assert any(shipped.get(path) != text for path, text in texts.items()), f"{name} changes nothing of the trap"
    named = set().union(*fix.must_fail_by_engine.values()) | set(fix.actual_contains)
    checks = set(etude.all_checks)  # the etude's own and the project's gates run with it
    assert named <= checks, f"{name} names checks {etude.id} lacks: {sorted(named - checks)}"
    correct = not named
    assert fix.why.startswith("Correct" if correct else "Wrong"), f"{name}: {fix.why}"


# --- what some etudes' reports say besides the verdict -----------------------------------------


def _dme_003_known_answer_copies(session: ScratchSession, fix: Fix, run: FixRun) -> None:
    """The known-answers gate names the model, the seed it copies and how it reads it."""
    copies = {
        "copy_known_answers": "ref('expected_dme_003__category_sales_monthly')",
        "copy_known_answers_by_name": "{{ target.schema }}_expected.expected_dme_003__category_sales_monthly",
    }
    if fix.name not in copies:
        return
    gate = next(r for r in run.report.results if r.name == "no_model_reads_the_known_answers")
    assert gate.rows is not None, gate
    found = [dict(zip(gate.rows.columns, row, strict=True)) for row in gate.rows.rows]
    assert [(r["node_name"], r["seed_name"], r["read_through"]) for r in found] == [
        ("dme_003__category_sales_monthly", "expected_dme_003__category_sales_monthly", copies[fix.name])
    ], found
    assert "reads the known answer expected_dme_003__category_sales_monthly" in found[0]["failure_reason"]


def _dme_005_run_log(session: ScratchSession, fix: Fix, run: FixRun) -> None:
    """A gate stopped the run one stage late: the check names it and gives the run log query, which returns that run."""
    if fix.name != "gate_on_the_intermediate_model":
        return
    message = next(r for r in run.report.results if r.name == "a_broken_delivery_never_reaches_the_dashboard").message
    query = message[message.index("select ") :]
    assert "[few_marketplace_orders_without_a_customer]" in message, message
    rows = session.warehouse.query(query)
    by_node = {row[0]: row[2] for row in rows.rows}
    assert by_node.get("few_marketplace_orders_without_a_customer") == "fail", rows
    assert by_node.get("dme_005__marketplace_daily_sales") == "skipped", rows


def _dme_006_lineage_rows(session: ScratchSession, fix: Fix, run: FixRun) -> None:
    """The lineage gate's failing row names the relation the fix reads by a literal name."""
    lineage = "every_model_reads_through_ref_or_source"
    if lineage not in fix.must_fail(session.target):
        return
    gate = next(r for r in run.report.results if r.name == lineage)
    assert gate.rows is not None and "relation_name" in gate.rows.columns, gate
    relation = gate.rows.rows[0][gate.rows.columns.index("relation_name")]
    written = "int_payments__deduplicated" if fix.name == "literal_to_deduplicated_model" else "stg_shop__payments"
    assert relation.startswith("{{ target.schema }}_") and relation.endswith(written), gate.rows


def _dme_010_reader_role(session: ScratchSession, fix: Fix, run: FixRun) -> None:
    """The reader-role scenario applies on PostgreSQL only (DuckDB has no roles): there, every fix
    declares the grants, so the reader reads the marts and is refused the personal data (unless the
    fix is one that grants too much, and must fail it); on DuckDB it is reported as not applicable,
    never as passed."""
    scenario = "reader_role_sees_the_marts_and_no_personal_data"
    report, outcome = run.report, run.outcome
    reader = next((r for r in report.results if r.name == scenario), None)
    if reader is None:  # `make test` judged a wrong fix on the checks it must fail only
        assert not FULL_PROOF and fix.must_fail(session.target), outcome
        return
    if session.target == "postgres":
        assert reader.applicable, outcome
        must_fail = scenario in fix.must_fail(session.target)
        assert reader.passed is not must_fail, f"{fix.name}: {reader.expected} / {reader.actual}"
    else:
        assert not reader.applicable and not reader.passed, outcome
        assert report.not_applicable == frozenset({scenario}), outcome


FURTHER: dict[str, Callable[[ScratchSession, Fix, FixRun], None]] = {
    "DME-003": _dme_003_known_answer_copies,
    "DME-005": _dme_005_run_log,
    "DME-006": _dme_006_lineage_rows,
    "DME-010": _dme_010_reader_role,
}

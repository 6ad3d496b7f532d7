"""DME-008 Performance at Scale: its fixes, and what each engine can tell.

The etude's alternatives and wrong fixes are patches in the etude's .meta/fixes/, run by
test_etude_fixes.py; its rule table is .meta/fixes/RULES.md. Only what PostgreSQL
does with an index can be wrong about an index: DuckDB has no index to choose, so on DuckDB a fix
that makes the predicate prunable is correct whatever index it declares for PostgreSQL. Every
other wrong fix fails on both engines.
"""

from __future__ import annotations

from etudes_support import TARGETS, fix_folders

from etudes.fixes import load_fixes

DME_008 = load_fixes(fix_folders()["dme_008"]).fixes


def test_the_plan_fixes_and_alternatives_run_on_both_engines() -> None:
    plan = "trading_day_report_reads_only_its_day"
    both = [fix for fix in DME_008 if not any(fix.must_fail_by_engine.values()) or any(
        plan in fix.must_fail(engine) for engine in fix.engines)]
    assert all(fix.engines == TARGETS for fix in both), {fix.name: fix.engines for fix in both}


def test_at_least_eight_wrong_fixes_and_two_alternatives() -> None:
    wrong = [fix for fix in DME_008 if any(fix.must_fail_by_engine.values())]
    correct = [fix for fix in DME_008 if not any(fix.must_fail_by_engine.values())]
    assert len(wrong) >= 8, [fix.name for fix in wrong]
    assert len(correct) >= 2, [fix.name for fix in correct]
    # Only the index on another column is engine-specific: right on DuckDB, wrong on PostgreSQL.
    engine_specific = [fix.name for fix in wrong if not all(fix.must_fail(engine) for engine in fix.engines)]
    assert engine_specific == ["index_on_sales_channel"], engine_specific

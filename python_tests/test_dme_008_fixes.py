"""DME-008 Performance at Scale: its fixes run on both engines, and each wrong one fails where it can be told.

The etude's alternative and wrong fixes are patches under python_tests/fixes/dme_008/, run by
test_etude_fixes.py. Only what PostgreSQL does with an index can be wrong about an index: DuckDB
has no index to choose, so on DuckDB a fix that makes the predicate sargable is correct whatever
index it declares for PostgreSQL.
"""

from __future__ import annotations

from etudes_support import FIXES, TARGETS

from etudes.fixes import load_fixes

DME_008 = load_fixes(FIXES / "dme_008").fixes


def test_every_fix_runs_on_both_engines() -> None:
    assert all(fix.engines == TARGETS for fix in DME_008), {fix.name: fix.engines for fix in DME_008}


def test_each_wrong_fix_fails_on_an_engine_that_can_tell() -> None:
    wrong = [fix for fix in DME_008 if any(fix.must_fail_by_engine.values())]
    assert len(wrong) == 2, [fix.name for fix in wrong]
    assert all(fix.must_fail("postgres") for fix in wrong)

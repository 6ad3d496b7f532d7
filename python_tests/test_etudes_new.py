"""`etudes new`: a throwaway etude, scaffolded, filled minimally, is accepted by `etudes verify`,
and adding it touches its own folder plus the files `etudes snapshot` regenerates, nothing else."""

from __future__ import annotations

import hashlib
from pathlib import Path

from etudes_support import assert_one_line_error, copy_fixture, run_cli

from etudes.scaffold import SCAFFOLD_MARK
from etudes.workspace import Project

FOLDER = "models/etudes/dme_004_late_refunds"
META = f"{FOLDER}/.meta"
# What `etudes snapshot` regenerates for an etude: the copies of its checks and the two snapshots.
GENERATED = ("tests/etudes/dme_004/", "etudes/shipped_traps.json", "etudes/shipped_checks.json")

ENTRY = '''id = "DME-004"
slug = "late_refunds"
title = "Late refunds"
competency = "output evaluation"
severity = "high"
axiom = "A refund counted twice is a refund paid twice."
checks = ["each_refund_once"]
failing_as_shipped = ["each_refund_once"]
hints = ["Look at the union.", "Count the rows per refund.", "Keep one row per refund."]
explanation = "The agent appended the late batch to the refunds it already held."
'''
TRAP = "select 1 as refund_id\nunion all\nselect 1 as refund_id\n"
SOLVED = "select 1 as refund_id\n"
CHECK = """select refund_id
from {{ ref('dme_004__late_refunds') }}
group by refund_id
having count(*) > 1
"""
WRONG_FIX = f"""--- a/{FOLDER}/dme_004__late_refunds.sql
+++ b/{FOLDER}/dme_004__late_refunds.sql
@@ -1,3 +1,3 @@
 select 1 as refund_id
 union all
-select 1 as refund_id
+select 2 - 1 as refund_id
"""
FIXES = """etude = "DME-004"

[fixes.same_refund_written_otherwise]
why = "Wrong: the late copy is still appended, only written differently."
base = "trap"
must_fail = ["each_refund_once"]
"""


def _tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file() and not {"target", "logs", ".etudes"} & set(path.relative_to(root).parts)
    }


def _fill_minimally(root: Path) -> None:
    folder, meta = root / FOLDER, root / META
    (folder / "README.md").write_text("# DME-004 Late refunds\n\nThe refunds model holds each refund once.\n")
    (folder / "_dme_004__models.yml").write_text("version: 2\n\nmodels:\n  - name: dme_004__late_refunds\n")
    (folder / "dme_004__late_refunds.sql").write_text(TRAP)
    (meta / "etude.toml").write_text(ENTRY)
    (meta / "checks" / "dme_004_checks_are_written.sql").unlink()
    (meta / "checks" / "each_refund_once.sql").write_text(CHECK)
    (meta / "solution").mkdir()
    (meta / "solution" / "dme_004__late_refunds.sql").write_text(SOLVED)
    (meta / "answers.py").write_text('"""DME-004 needs no known answer: its check is the invariant itself."""\n\nANSWERS = ()\n')
    (meta / "fixes" / "fixes.toml").write_text(FIXES)
    (meta / "fixes" / "same_refund_written_otherwise.patch").write_text(WRONG_FIX)
    (meta / "fixes" / "RULES.md").write_text("| rule | check |\n| --- | --- |\n| each refund once | each_refund_once |\n")


def test_a_new_etude_is_one_folder_that_verify_accepts_once_filled(tmp_path: Path, learner_env) -> None:
    root = copy_fixture(tmp_path)
    before = _tree(root)

    made = run_cli("new", "late_refunds", "--title", "Late refunds", "--project-dir", str(root))
    assert made.code == 0, made.output
    assert "DME-004: wrote 8 files in models/etudes/dme_004_late_refunds/" in made.output
    scaffolded = {path for path in _tree(root) if path not in before}
    assert scaffolded == {
        f"{FOLDER}/README.md", f"{FOLDER}/_dme_004__models.yml", f"{FOLDER}/dme_004__late_refunds.sql",
        f"{META}/etude.toml", f"{META}/checks/dme_004_checks_are_written.sql", f"{META}/answers.py",
        f"{META}/fixes/fixes.toml", f"{META}/fixes/RULES.md",
    }  # fmt: skip
    assert Project(root).catalog().get("4").title == "Late refunds"  # the board reads it at once

    # As scaffolded it builds and its placeholder check fails; verify names every part still missing.
    assert run_cli("snapshot", "--project-dir", str(root)).code == 0
    unfinished = run_cli("verify", "4", "--project-dir", str(root))
    assert unfinished.code == 1, unfinished.output
    assert "dme_004_checks_are_written" in unfinished.output  # the placeholder failed as shipped
    for missing in (f"still as `etudes new` wrote them ({SCAFFOLD_MARK})", ".meta/etude.toml", "README.md",
                    "its checks still list the placeholder dme_004_checks_are_written", "no fixes:",
                    f"no reference solution under {META}/solution/"):  # fmt: skip
        assert missing in unfinished.output, (missing, unfinished.output)

    _fill_minimally(root)
    assert run_cli("snapshot", "--project-dir", str(root)).code == 0
    verified = run_cli("verify", "4", "--project-dir", str(root))
    assert verified.code == 0, verified.output
    assert "verify passed: 1 runs" in verified.output

    changed = {path for path, digest in _tree(root).items() if before.get(path) != digest}
    changed |= set(before) - set(_tree(root))
    outside = sorted(path for path in changed if not path.startswith((f"{FOLDER}/", *GENERATED)))
    assert not outside, f"adding an etude touched more than its folder and the generated files: {outside}"
    assert (root / "tests/etudes/dme_004/each_refund_once.sql").read_text() == CHECK  # dbt's copy of its check


def test_new_refuses_a_bad_or_taken_slug_in_one_line(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    assert_one_line_error(run_cli("new", "Late-Refunds", "--project-dir", str(root)), "'Late-Refunds' is not a slug")
    assert_one_line_error(run_cli("new", "revenue", "--project-dir", str(root)),
                          "DME-001 already has the slug 'revenue'")  # fmt: skip
    assert not (root / "models/etudes/dme_004_late_refunds").exists()

"""etudes.patches: a unified diff reads back exactly, and a patch that does not apply says where."""

from __future__ import annotations

import pytest

from etudes.errors import PatchError
from etudes.patches import apply_patch, file_diff

PATH = "models/etudes/dme_000_probe/probe.sql"
BEFORE = "".join(f"line {n}\n" for n in range(1, 21))


def changed(text: str, replacements: dict[int, str]) -> str:
    lines = text.splitlines(keepends=True)
    for number, line in replacements.items():
        lines[number - 1] = line
    return "".join(lines)


@pytest.mark.parametrize(
    "after",
    [
        pytest.param(changed(BEFORE, {2: "two\n", 19: "nineteen\n"}), id="two hunks"),
        pytest.param(changed(BEFORE, {1: "", 20: ""}), id="first and last lines removed"),
        pytest.param(BEFORE + "line 21\nline 22\n", id="lines appended"),
        pytest.param(BEFORE.removesuffix("\n"), id="the last newline removed"),
        pytest.param("select 1", id="everything replaced, no last newline"),
    ],
)
def test_a_patch_turns_its_base_into_the_text_it_was_written_from(after: str) -> None:
    patch = file_diff(PATH, BEFORE, after)
    assert apply_patch(patch, {PATH: BEFORE}, "probe") == {PATH: after}


def test_a_patch_adds_a_file() -> None:
    patch = file_diff(PATH, None, "select 1 as id\n")
    assert patch.startswith(f"--- /dev/null\n+++ b/{PATH}\n")
    assert apply_patch(patch, {}, "probe") == {PATH: "select 1 as id\n"}


def test_a_patch_over_another_text_fails_naming_the_fix_the_file_and_the_hunk() -> None:
    patch = file_diff(PATH, BEFORE, changed(BEFORE, {2: "two\n", 19: "nineteen\n"}))
    base = changed(BEFORE, {18: "eighteen, edited since\n"})
    with pytest.raises(PatchError) as raised:
        apply_patch(patch, {PATH: base}, "DME-000 fix probe")
    message = str(raised.value)
    assert message.startswith(f"DME-000 fix probe: {PATH} hunk 2 (@@ -16,5 +16,5 @@) does not apply"), message
    assert "line 18 of the base is 'eighteen, edited since\\n'" in message, message


def test_a_patch_is_strict_about_position() -> None:
    """No offset: the same lines one line lower do not match a hunk that names their old place."""
    patch = file_diff(PATH, BEFORE, changed(BEFORE, {10: "ten\n"}))
    with pytest.raises(PatchError, match="hunk 1"):
        apply_patch(patch, {PATH: "inserted above\n" + BEFORE}, "probe")


@pytest.mark.parametrize(
    ("patch", "base", "says"),
    [
        pytest.param("no diff here\n", {}, "no file in the patch", id="no file"),
        pytest.param(
            f"--- a/{PATH}\n+++ b/{PATH}\n@@ -1,2 +1,2 @@\n-line 1\n+one\n",
            {PATH: BEFORE},
            "the body holds",
            id="short hunk",
        ),
        pytest.param(
            f"--- a/{PATH}\n+++ /dev/null\n@@ -1 +0,0 @@\n-line 1\n", {PATH: "line 1\n"}, "never delete", id="deletion"
        ),
        pytest.param(f"--- a/{PATH}\n+++ b/{PATH}\n@@ -1 +1 @@\n-x\n+y\n", {}, "does not hold", id="missing base file"),
        pytest.param(file_diff(PATH, None, "x\n"), {PATH: "x\n"}, "already holds", id="adds an existing file"),
        pytest.param(f"--- {PATH}\n+++ {PATH}\n@@ -1 +1 @@\n-x\n+y\n", {PATH: "x\n"}, "no a/ or b/", id="bare path"),
    ],
)
def test_a_malformed_or_misplaced_patch_fails_loudly(patch: str, base: dict[str, str], says: str) -> None:
    with pytest.raises(PatchError, match=says):
        apply_patch(patch, base, "probe")


def test_a_blank_context_line_whose_space_was_trimmed_still_applies() -> None:
    before = "select\n\n    1 as id\n"
    patch = file_diff(PATH, before, "select\n\n    2 as id\n")
    assert "\n \n" in patch
    trimmed = patch.replace("\n \n", "\n\n")
    assert apply_patch(trimmed, {PATH: before}, "probe") == {PATH: "select\n\n    2 as id\n"}


def test_a_new_file_written_by_diff_minus_n_is_added() -> None:
    """`diff -ruN a b` writes a new file as a change of an empty one, with timestamps after a tab."""
    patch = (
        f"diff -ruN a/{PATH} b/{PATH}\n--- a/{PATH}\t1970-01-01 00:00:00 +0000\n"
        f"+++ b/{PATH}\t2026-01-01 00:00:00 +0000\n@@ -0,0 +1,2 @@\n+select\n+    1 as id\n"
    )
    assert apply_patch(patch, {}, "probe") == {PATH: "select\n    1 as id\n"}

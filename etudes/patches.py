"""Unified diffs of text files: write one, and apply one strictly (no offset, no fuzz).

A patch names files by repository path (``a/<path>``, ``b/<path>``, ``/dev/null`` for a file it
adds). Applying it to the text it was written against gives exactly the text it was written from;
against any other text it fails, naming the file and the hunk that does not apply.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from etudes.errors import PatchError

_NO_NEWLINE = "\\ No newline at end of file\n"
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class Hunk:
    header: str
    old_start: int
    lines: tuple[str, ...]  # each with its ' ', '-' or '+' prefix and its own line ending


@dataclass(frozen=True)
class FilePatch:
    path: str  # repository path
    added: bool  # the patch creates the file (``--- /dev/null``)
    hunks: tuple[Hunk, ...]


def file_diff(path: str, before: str | None, after: str) -> str:
    """The unified diff that turns ``before`` (None: no such file) into ``after``; empty when equal."""
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}" if before is not None else "/dev/null",
        tofile=f"b/{path}",
    )
    # A last line without its newline is marked as diff(1) marks it, so the patch reads back exactly.
    return "".join(line if line.endswith("\n") else line + "\n" + _NO_NEWLINE for line in lines)


def parse_patch(text: str, name: str) -> list[FilePatch]:
    """The files and hunks of a unified diff; ``name`` says which patch in every error."""
    lines = text.splitlines(keepends=True)
    files: list[FilePatch] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("--- "):
            index += 1  # text before a file's header (a `diff` command line, a note) is not part of it
            continue
        if index + 1 >= len(lines) or not lines[index + 1].startswith("+++ "):
            raise PatchError(f"{name}: line {index + 1} starts a file with '---' but no '+++' line follows")
        old, new = _header_path(lines[index], name), _header_path(lines[index + 1], name)
        if new is None:
            raise PatchError(f"{name}: {old} is deleted; a fix may change or add files, never delete one")
        if old is not None and old != new:
            raise PatchError(f"{name}: a file renamed from {old} to {new}; a fix may change or add files only")
        index += 2
        hunks: list[Hunk] = []
        while index < len(lines) and lines[index].startswith("@@"):
            hunk, index = _read_hunk(lines, index, f"{name}: {new} hunk {len(hunks) + 1}")
            hunks.append(hunk)
        if not hunks:
            raise PatchError(f"{name}: {new} has no hunk")
        files.append(FilePatch(new, old is None, tuple(hunks)))
    if not files:
        raise PatchError(f"{name}: no file in the patch (expected '--- a/<path>' and '+++ b/<path>' lines)")
    paths = [patch.path for patch in files]
    if len(set(paths)) != len(paths):
        raise PatchError(f"{name}: a file appears twice in the patch: {sorted(paths)}")
    return files


def apply_patch(text: str, base: Mapping[str, str], name: str) -> dict[str, str]:
    """The new text of every file the patch touches, applied to ``base`` (repository path -> text)."""
    result: dict[str, str] = {}
    for patch in parse_patch(text, name):
        before = base.get(patch.path)
        if patch.added and before is not None:
            raise PatchError(f"{name}: adds {patch.path}, which the base already holds")
        if before is None and not _adds_to_nothing(patch):
            raise PatchError(f"{name}: changes {patch.path}, which the base does not hold")
        result[patch.path] = _apply_file(patch, before or "", name)
    return result


def _adds_to_nothing(patch: FilePatch) -> bool:
    """A new file, written as a change of an empty one too (`diff -N`: `--- a/<path>`, `@@ -0,0 ...`)."""
    return patch.added or (len(patch.hunks) == 1 and patch.hunks[0].header.startswith("@@ -0,0 "))


def _header_path(line: str, name: str) -> str | None:
    path = line[4:].rstrip("\n").split("\t", 1)[0]
    if path == "/dev/null":
        return None
    if not path.startswith(("a/", "b/")):
        raise PatchError(f"{name}: {line.strip()!r} names no a/ or b/ repository path")
    return path[2:]


def _read_hunk(lines: list[str], index: int, where: str) -> tuple[Hunk, int]:
    header = lines[index].rstrip("\n")
    match = _HUNK.match(header)
    if not match:
        raise PatchError(f"{where}: malformed hunk header {header!r}")
    old_start = int(match[1])
    old_count = 1 if match[2] is None else int(match[2])
    new_count = 1 if match[4] is None else int(match[4])
    body: list[str] = []
    index += 1
    old_seen = new_seen = 0
    while index < len(lines) and (old_seen < old_count or new_seen < new_count):
        line = lines[index]
        if line == "\n":
            line = " \n"  # a blank context line whose single space an editor trimmed
        if line[:1] not in (" ", "-", "+"):
            break
        old_seen += line[0] != "+"
        new_seen += line[0] != "-"
        index += 1
        if index < len(lines) and lines[index] == _NO_NEWLINE:
            line = line.removesuffix("\n")
            index += 1
        body.append(line)
    if (old_seen, new_seen) != (old_count, new_count):
        raise PatchError(
            f"{where} ({header}): the header counts {old_count} old and {new_count} new lines, "
            f"the body holds {old_seen} and {new_seen}"
        )
    if old_count == 0:
        old_start += 1  # `-0,0` (a new file) and `-N,0` (insert after line N) start after that line
    return Hunk(header, old_start, tuple(body)), index


def _apply_file(patch: FilePatch, before: str, name: str) -> str:
    old = before.splitlines(keepends=True)
    new: list[str] = []
    position = 0  # index into `old` of the next line not yet copied
    for number, hunk in enumerate(patch.hunks, start=1):
        start = hunk.old_start - 1
        where = f"{name}: {patch.path} hunk {number} ({hunk.header})"
        if start < position:
            raise PatchError(f"{where} overlaps the hunk before it")
        new.extend(old[position:start])
        position = start
        for line in hunk.lines:
            if line[0] == "+":
                new.append(line[1:])
                continue
            expected = line[1:]
            actual = old[position] if position < len(old) else None
            if actual != expected:
                shown = "the end of the file" if actual is None else repr(actual)
                raise PatchError(
                    f"{where} does not apply: line {position + 1} of the base is {shown}, the patch expects {expected!r}"
                )
            if line[0] == " ":
                new.append(expected)
            position += 1
    new.extend(old[position:])
    return "".join(new)

"""An etude's alternative and wrong fixes: patches with their expected verdicts, as overlays.

Each etude's fixes live in its ``.meta/fixes/`` folder: a ``fixes.toml`` and,
per fix, ``<name>.patch``, a unified diff against the shipped trap (``base = "trap"``) or
against the trap with the reference solution applied (``base = "solution"``). A fix's files are
the patch applied to its base, plus, on the solution, the solution's other files; written to a
folder they are an overlay (repository path -> file) for ``ScratchSession.check``.

fixes.toml::

    etude = "DME-003"

    [fixes.<name>]
    why = "Wrong: ... (one line: what the fix does and why it is right or wrong)"
    base = "trap"                     # or "solution"
    must_fail = ["<check>", ...]      # [] for a correct fix; or a table per engine
    only = true                       # exactly those checks fail (default false: at least those)
    engines = ["postgres"]            # default: both; one engine for a fix that means nothing on the other
    actual_contains = { <check> = "<phrase its report must contain>" }   # optional
    on_variant = true                 # optional: the shipped data passes; must_fail fails on a hidden
                                      # data variant (a fix tuned to the shipped data)
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etudes.catalog import TARGETS, Etude
from etudes.errors import FixesError, read_document
from etudes.patches import apply_patch
from etudes.workspace import Project, load_snapshot, solution_files

BASES = frozenset({"trap", "solution"})
# A wrong fix must fail, and an alternative pass, on every engine the etude runs on: the default.
# A fix that only means something on one engine (roles and grants: PostgreSQL) lists that one.
DEFAULT_ENGINES = ("duckdb", "postgres")
FIXES_FILE = "fixes.toml"
_FIX_KEYS = frozenset({"why", "base", "must_fail", "only", "engines", "actual_contains", "on_variant"})


@dataclass(frozen=True)
class Fix:
    """One alternative (must_fail empty) or wrong fix, and the verdict it must get."""

    name: str
    why: str
    base: str
    must_fail_by_engine: Mapping[str, frozenset[str]]
    only: bool
    engines: tuple[str, ...]
    actual_contains: Mapping[str, str]
    patch: Path
    # A fix tuned to the shipped data: it passes there, and fails must_fail on a hidden data variant.
    on_variant: bool = False

    def must_fail(self, engine: str) -> frozenset[str]:
        """The checks that must fail on that engine (empty: a correct fix there)."""
        return self.must_fail_by_engine[engine]


@dataclass(frozen=True)
class EtudeFixes:
    etude_id: str
    folder: Path
    fixes: tuple[Fix, ...]

    def get(self, name: str) -> Fix:
        for fix in self.fixes:
            if fix.name == name:
                return fix
        raise FixesError(f"{self.folder / FIXES_FILE} has no fix named {name}")


def load_fixes(folder: Path) -> EtudeFixes:
    """Read ``<folder>/fixes.toml`` strictly: unknown keys, bad values and missing patches fail."""
    path = folder / FIXES_FILE
    data = read_document(path, tomllib.loads, FixesError, f"no {path}", f"{path} is not valid TOML: {{exc}}")
    if set(data) != {"etude", "fixes"} or not isinstance(data["fixes"], dict):
        raise FixesError(f"{path}: expected the keys 'etude' and '[fixes.<name>]' tables, found {sorted(data)}")
    fixes = tuple(_fix(folder, name, raw, f"{path} [fixes.{name}]") for name, raw in data["fixes"].items())
    return EtudeFixes(str(data["etude"]), folder, fixes)


def base_texts(project: Project, etude: Etude, base: str) -> dict[str, str]:
    """The repository's etude files a patch is written against: the shipped traps, or with the solution."""
    texts = load_snapshot(project)
    if base == "solution":
        texts |= {
            relative: path.read_text(encoding="utf-8") for relative, path in solution_files(project, etude).items()
        }
    return texts


def fix_texts(project: Project, etude: Etude, fix: Fix) -> dict[str, str]:
    """The files the fix puts over the shipped traps: the patched files and, on the solution, the solution's."""
    base = base_texts(project, etude, fix.base)
    texts = {relative: base[relative] for relative in solution_files(project, etude)} if fix.base == "solution" else {}
    return texts | apply_patch(fix.patch.read_text(encoding="utf-8"), base, f"{etude.id} fix {fix.name}")


def write_overlay(texts: Mapping[str, str], into: Path) -> dict[str, Path]:
    """Write files (repository path -> text) under ``into``: the overlay ``ScratchSession.check`` takes."""
    overlay: dict[str, Path] = {}
    for relative, text in sorted(texts.items()):
        path = into / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        overlay[relative] = path
    return overlay


def _fix(folder: Path, name: str, raw: Any, where: str) -> Fix:
    if not isinstance(raw, dict):
        raise FixesError(f"{where}: expected a table")
    unknown = set(raw) - _FIX_KEYS
    if unknown:
        raise FixesError(f"{where}: unknown keys {sorted(unknown)} (known: {sorted(_FIX_KEYS)})")
    why, base = raw.get("why"), raw.get("base")
    if not isinstance(why, str) or not why.strip():
        raise FixesError(f"{where}: 'why' must say in one line what the fix does and why it is right or wrong")
    if base not in BASES:
        raise FixesError(f"{where}: 'base' must be one of {sorted(BASES)}, not {base!r}")
    engines = tuple(raw.get("engines", DEFAULT_ENGINES))
    if not engines or not set(engines) <= TARGETS:
        raise FixesError(f"{where}: 'engines' must list some of {sorted(TARGETS)}, not {list(engines)}")
    only = raw.get("only", False)
    if not isinstance(only, bool):
        raise FixesError(f"{where}: 'only' must be true or false")
    on_variant = raw.get("on_variant", False)
    if not isinstance(on_variant, bool):
        raise FixesError(f"{where}: 'on_variant' must be true or false")
    contains = raw.get("actual_contains", {})
    if not isinstance(contains, dict) or not all(isinstance(v, str) for v in contains.values()):
        raise FixesError(f"{where}: 'actual_contains' must map check names to phrases")
    patch = folder / f"{name}.patch"
    if not patch.is_file():
        raise FixesError(f"{where}: no patch at {patch}")
    must_fail = _must_fail(raw.get("must_fail"), engines, where)
    return Fix(name, why, base, must_fail, only, engines, contains, patch, on_variant)


def _must_fail(raw: Any, engines: tuple[str, ...], where: str) -> dict[str, frozenset[str]]:
    """One list for every engine, or a table naming each of the fix's engines."""
    if isinstance(raw, list):
        raw = dict.fromkeys(engines, raw)
    if not isinstance(raw, dict) or set(raw) != set(engines):
        raise FixesError(f"{where}: 'must_fail' must be a list of checks, or a table with a list per engine {engines}")
    if not all(isinstance(checks, list) and all(isinstance(c, str) for c in checks) for checks in raw.values()):
        raise FixesError(f"{where}: 'must_fail' must list check names")
    return {engine: frozenset(checks) for engine, checks in raw.items()}

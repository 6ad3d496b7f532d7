"""`etudes new <slug>`: a new etude's folder that builds, and what `etudes verify` finds unfinished.

The folder is models/etudes/dme_0NN_<slug>/ with the next free id: a model and its properties,
the brief, and the maintainers' part in .meta/ (a catalog entry to fill in, a placeholder check
that fails, empty known answers, an empty fixes folder and its rule table). Every place still to
be written carries SCAFFOLD_MARK; `etudes verify` names each one until it is gone, with the other
parts a finished etude has (its own checks, at least one fix; verify names a missing solution itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etudes.catalog import ENTRY_FILE, ETUDES_DIR, META_DIR, PROJECT_FILE, Catalog, Etude
from etudes.errors import EtudesError, FixesError
from etudes.fixes import FIXES_FILE, load_fixes
from etudes.workspace import Project, files_under

SCAFFOLD_MARK = "TODO(etudes new)"
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_SKIPPED = frozenset({"__pycache__"})


@dataclass(frozen=True)
class NewEtude:
    etude_id: str
    folder: str
    files: tuple[str, ...]


def placeholder_check(key: str) -> str:
    """The failing check a new etude starts with; an etude whose checks still list it is unfinished."""
    return f"{key}_checks_are_written"


def next_id(catalog: Catalog) -> str:
    number = max((int(e.id.split("-")[1]) for e in catalog.etudes), default=0) + 1
    if number > 999:
        raise EtudesError("etude ids stop at DME-999: there is no free id for a new etude")
    return f"DME-{number:03d}"


def new_etude(project: Project, slug: str, title: str | None = None) -> NewEtude:
    """Write a new etude's folder with the next free id; refuse to overwrite anything."""
    if not _SLUG.match(slug):
        raise EtudesError(
            f"'{slug}' is not a slug: use lowercase letters, digits and underscores, starting with a letter "
            "(e.g. `etudes new late_refunds`)"
        )
    catalog = project.catalog()
    taken = [e for e in catalog.etudes if e.slug == slug]
    if taken:
        raise EtudesError(f"{taken[0].id} already has the slug '{slug}' ({taken[0].folder}): choose another")
    etude_id = next_id(catalog)
    key = etude_id.lower().replace("-", "_")
    folder = f"{ETUDES_DIR}/{key}_{slug}"
    if (project.root / folder).exists():
        raise EtudesError(f"{folder} exists already: remove it or choose another slug")
    title = title or slug.replace("_", " ").capitalize()
    files = _scaffold(etude_id, key, slug, title)
    for relative, text in files.items():
        path = project.root / folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return NewEtude(etude_id, folder, tuple(f"{folder}/{relative}" for relative in files))


def unfinished_parts(project: Project, etude: Etude) -> list[str]:
    """What an etude still lacks, each with where to fix it (none for a finished etude)."""
    meta = f"{etude.folder}/{META_DIR}"
    problems = []
    folder = project.root / etude.folder
    marked = sorted(
        relative
        for relative, path in files_under(folder).items()
        if not _SKIPPED.intersection(Path(relative).parts) and SCAFFOLD_MARK in _text(path)
    )
    if marked:
        problems.append(f"still as `etudes new` wrote them ({SCAFFOLD_MARK}): {', '.join(marked)}")
    if placeholder_check(etude.key) in etude.checks:
        problems.append(
            f"its checks still list the placeholder {placeholder_check(etude.key)}: write the real checks "
            f"(named after the invariants they guard) in {meta}/checks/ or the models' YAML, list them in "
            f"{meta}/{ENTRY_FILE}, and delete the placeholder"
        )
    fixes_file = project.root / meta / "fixes" / FIXES_FILE
    try:  # the repository's test suite requires the file of every etude (test_etude_fixes.py)
        fixes = load_fixes(fixes_file.parent).fixes if fixes_file.is_file() else (None,)
    except FixesError as exc:
        problems.append(f"its fixes cannot be read: {exc}")
        fixes = (None,)
    if not fixes:
        problems.append(
            f"no fixes: add a wrong fix (a patch and its verdict) to {meta}/fixes/{FIXES_FILE}, one that fails "
            "each check (CONTRIBUTING.md, step 4)"
        )
    return problems


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return ""


def _scaffold(etude_id: str, key: str, slug: str, title: str) -> dict[str, str]:
    model = f"{key}__{slug}"
    check = placeholder_check(key)
    mark = SCAFFOLD_MARK
    return {
        "README.md": f"""# {etude_id} {title}

*Competency: {mark}. Severity: {mark}.*

> {mark}: the axiom, one sentence.

## The scenario

{mark}: who reads the model and for what.

## The request given to the agent

> {mark}: the request, as the agent received it. Every rule the checks judge is stated here.

## What the agent said in its pull request

> {mark}: the agent's claims.

## Your task

Review the work before it is merged. Build it and run its checks:

```sh
.venv/bin/etudes check {int(etude_id.split("-")[1])}
```

This folder's `.meta/` is the maintainers' part (the checks' sources, the reference solution,
the known answers): do not open it while you work on the etude.
""",
        f"_{key}__models.yml": f"""version: 2

models:
  - name: {model}
    description: "{mark}: what one row is, who reads it."
""",
        f"{model}.sql": "select 1 as placeholder_id\n",
        f"{META_DIR}/{ENTRY_FILE}": f"""# {etude_id}'s entry in the catalog of etudes: the engine finds it here, beside the etude.
# The format is documented in {PROJECT_FILE}.

id = "{etude_id}"
slug = "{slug}"
title = "{title}"
competency = "output evaluation"  # {mark}: one of the competencies in {PROJECT_FILE}
severity = "high"  # {mark}: low, medium, high or critical
axiom = "{mark}: the axiom, as in the brief."
checks = ["{check}"]
failing_as_shipped = ["{check}"]
hints = [
    "{mark}: where to look.",
    "{mark}: what to measure.",
    "{mark}: the shape of the fix.",
]
explanation = \"\"\"{mark}: shown once the etude passes: what the trap was and why the fix holds.\"\"\"
""",
        f"{META_DIR}/checks/{check}.sql": f"""-- The placeholder check of a new etude: it fails until the etude has checks of its own.
-- {mark}: write each check here, named after the invariant it guards, list it in .meta/{ENTRY_FILE},
-- run `etudes snapshot`, and delete this file.
select 'write the checks of {etude_id} in .meta/checks/' as failure_reason
""",
        f"{META_DIR}/answers.py": f'''"""Known answers for {etude_id} {title}, computed from the raw CSVs alone (never from SQL).

{mark}: each function takes the Shop and returns one ExpectedSeed (see oracle/answers/__init__.py);
`python -m oracle` writes them to seeds/expected/.
"""

from __future__ import annotations

ANSWERS = ()
''',
        f"{META_DIR}/fixes/{FIXES_FILE}": f"""# {etude_id} {title}: its alternatives (must_fail = []) and wrong fixes, each a patch beside this
# file (<name>.patch) against its base. The format: etudes/fixes.py.
etude = "{etude_id}"

[fixes]
""",
        f"{META_DIR}/fixes/RULES.md": f"""# {etude_id} {title}: rule table (maintainers' note, not learner-facing)

| rule | rows on the edge (alone / with another rule) | check that fails | wrong fixes |
| --- | --- | --- | --- |
| {mark} | | | |
""",
    }

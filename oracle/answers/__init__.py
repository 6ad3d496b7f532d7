"""Known answers: the platform's here (platform.py), and each etude's in its own folder.

An etude's answers live beside the etude, in ``models/etudes/<folder>/.meta/answers.py``, and
import as ``oracle.answers.<folder>`` (for example ``oracle.answers.dme_003_query_review``):
the finder below maps that name to the file, so an etude's module imports another's like any
module. Each module defines ANSWERS, a tuple of functions ``(shop: Shop) -> ExpectedSeed``:

    from oracle.registry import Column, ExpectedSeed
    from oracle.values import INTEGER, MONEY

    def expected_dme_003_category_figures(shop):
        rows = ...  # computed from shop (or shop.raw.rows("raw_...")), never from SQL output
        return ExpectedSeed(
            name="expected_dme_003_category_figures",
            description="What the corrected query returns.",
            columns=(Column("category_id", INTEGER), Column("revenue_usd", MONEY)),
            rows=tuple(rows),
        )

    ANSWERS = (expected_dme_003_category_figures,)

Then `python -m oracle` writes seeds/expected/expected_dme_003_category_figures.csv
and its column types in seeds/expected/_expected__seeds.yml.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path

ETUDES_DIR = Path(__file__).resolve().parents[2] / "models" / "etudes"
ETUDE_ANSWERS = ".meta/answers.py"


def etude_answer_modules() -> list[str]:
    """The module name of every etude's answers, in folder order."""
    return [f"{__name__}.{path.parents[1].name}" for path in sorted(ETUDES_DIR.glob(f"*/{ETUDE_ANSWERS}"))]


class _EtudeAnswersFinder(MetaPathFinder):
    """Imports ``oracle.answers.<folder>`` from ``models/etudes/<folder>/.meta/answers.py``."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> ModuleSpec | None:
        package, _, folder = fullname.rpartition(".")
        if package != __name__ or not folder:
            return None
        file = ETUDES_DIR / folder / ETUDE_ANSWERS
        return importlib.util.spec_from_file_location(fullname, file) if file.is_file() else None


if not any(isinstance(finder, _EtudeAnswersFinder) for finder in sys.meta_path):
    sys.meta_path.append(_EtudeAnswersFinder())

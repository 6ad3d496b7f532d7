"""What an answer is, and how the oracle finds every answer.

An answer is an ExpectedSeed: the file name, the columns with their SQL types,
and the rows as Python values. Answers live in the modules of the package
oracle.answers (the platform's) and in each etude's .meta/answers.py: each module
defines a tuple ANSWERS of functions taking the Shop and returning one
ExpectedSeed. Adding an etude's known answer is writing its .meta/answers.py
(for example models/etudes/dme_003_query_review/.meta/answers.py); nothing else
needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from oracle.values import format_value


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    description: str = ""


@dataclass(frozen=True)
class ExpectedSeed:
    name: str  # the seed's name and file name without .csv, e.g. expected_customers
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def csv_rows(self) -> list[list[str]]:
        """The rows as CSV text, sorted, so the file is stable and readable."""
        formatted = []
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"{self.name}: row {row!r} has {len(row)} values for {len(self.columns)} columns")
            formatted.append([format_value(value, column.sql_type) for value, column in zip(row, self.columns)])
        return sorted(formatted, key=lambda cells: [_sort_key(cell) for cell in cells])


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _sort_key(cell: str) -> tuple:
    """Numbers in numeric order, then text; an empty cell (NULL) sorts first."""
    if _NUMBER.fullmatch(cell):
        return (1, Decimal(cell), cell)
    return (0 if cell == "" else 2, Decimal(0), cell)


# On the shipped data, every figure seeds/README.md and the etudes state is checked: the oracle fails
# when the data changes one. A data variant (etudes/variants.py) changes them on purpose.
_CHECK_STATED_FIGURES: ContextVar[bool] = ContextVar("check_stated_figures", default=True)


def stated_figures_differ(differs: bool) -> bool:
    """True when a figure the docs state differs and the data is the shipped data (not a variant)."""
    return differs and _CHECK_STATED_FIGURES.get()


Answer = Callable[["Shop"], ExpectedSeed]  # noqa: F821 (oracle.shop.Shop)


def discover_answers(package: str = "oracle.answers") -> list[Answer]:
    """Every function in the ANSWERS tuple of every module of the package (the platform's) and of
    every etude (its .meta/answers.py), modules in name order."""
    root = importlib.import_module(package)
    names = [f"{package}.{info.name}" for info in pkgutil.iter_modules(root.__path__)]
    names += root.etude_answer_modules()
    answers: list[Answer] = []
    for name in sorted(names):
        answers.extend(getattr(importlib.import_module(name), "ANSWERS", ()))
    return answers


def compute_all(answers: Sequence[Answer], shop) -> list[ExpectedSeed]:
    token = _CHECK_STATED_FIGURES.set(not shop.raw.is_variant)
    try:
        seeds = [answer(shop) for answer in answers]
    finally:
        _CHECK_STATED_FIGURES.reset(token)
    names = [seed.name for seed in seeds]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"two answers write the same expected seed: {', '.join(duplicates)}")
    for seed in seeds:
        if not seed.name.startswith("expected_"):
            raise ValueError(f"expected seed names start with 'expected_': {seed.name}")
    return sorted(seeds, key=lambda seed: seed.name)

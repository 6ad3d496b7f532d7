"""Reading the raw CSVs the way `dbt seed` loads them: every column as text, an empty cell as NULL."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

Row = dict[str, str | None]
# A data variant's parameters, beside its raw/ and expected/ folders.
VARIANT_FILE = "variant.json"


@dataclass
class RawTables:
    """The CSV files under a seeds folder, read on first use and kept for the run."""

    seeds_dir: Path
    _cache: dict[str, list[Row]] = field(default_factory=dict, repr=False)

    def rows(self, name: str, folder: str = "raw") -> list[Row]:
        """The rows of seeds/<folder>/<name>.csv, in file order."""
        key = f"{folder}/{name}"
        if key not in self._cache:
            self._cache[key] = read_csv(self.seeds_dir / folder / f"{name}.csv")
        return self._cache[key]

    @cached_property
    def variant(self) -> dict[str, Any]:
        """A data variant's parameters (its seeds folder's variant.json, written by etudes/variants.py),
        e.g. the vars its etudes run with; empty for the shipped data."""
        path = self.seeds_dir / VARIANT_FILE
        return dict(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else {}

    @property
    def is_variant(self) -> bool:
        return bool(self.variant)

    def var(self, name: str, default: Any) -> Any:
        """The dbt var ``name`` the variant's etudes run with, else the models' default."""
        return self.variant.get("vars", {}).get(name, default)


def read_csv(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {column: (None if value == "" else value) for column, value in row.items()}
            for row in csv.DictReader(handle)
        ]

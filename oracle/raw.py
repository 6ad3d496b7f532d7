"""Reading the raw CSVs the way `dbt seed` loads them: every column as text, an empty cell as NULL."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

Row = dict[str, str | None]


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


def read_csv(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {column: (None if value == "" else value) for column, value in row.items()}
            for row in csv.DictReader(handle)
        ]

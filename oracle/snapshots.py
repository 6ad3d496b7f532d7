"""dbt's `timestamp` snapshot strategy, replayed in Python.

Each run sees the source as it is at that run: the latest version of each key
whose updated_at is at or before the run's cutoff. A key seen for the first
time gets a row valid from its updated_at. A key whose source updated_at is
newer than its current row's gets the current row closed (valid_to = the new
updated_at) and a new row. Keys missing from the source keep their row (hard
deletes are not tracked). Versions between two runs are never seen.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True)
class Version:
    key: Hashable
    updated_at: datetime
    payload: tuple


@dataclass(frozen=True)
class SnapshotRow:
    key: Hashable
    payload: tuple
    valid_from: datetime
    valid_to: datetime | None


def source_at(versions: Sequence[Version], cutoff: datetime | None) -> dict[Hashable, Version]:
    """The latest version of each key known at the cutoff (None: every version)."""
    latest: dict[Hashable, Version] = {}
    for version in versions:
        if cutoff is not None and version.updated_at > cutoff:
            continue
        known = latest.get(version.key)
        if known is None or version.updated_at > known.updated_at:
            latest[version.key] = version
    return latest


def replay_timestamp_snapshot(versions: Sequence[Version], cutoffs: Sequence[datetime | None]) -> list[SnapshotRow]:
    """The snapshot table after one run per cutoff, in order."""
    rows: list[SnapshotRow] = []
    current: dict[Hashable, int] = {}  # key -> index of its open row
    for cutoff in cutoffs:
        for key, version in sorted(source_at(versions, cutoff).items(), key=lambda item: repr(item[0])):
            index = current.get(key)
            if index is None:
                current[key] = len(rows)
                rows.append(SnapshotRow(key, version.payload, version.updated_at, None))
            elif version.updated_at > rows[index].valid_from:
                rows[index] = replace(rows[index], valid_to=version.updated_at)
                current[key] = len(rows)
                rows.append(SnapshotRow(key, version.payload, version.updated_at, None))
    return rows

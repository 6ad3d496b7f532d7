"""Timing shared by the volume benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(execute: Callable[[str], object], sql: str, repeat: int, *, warm_up: bool = False) -> float:
    """The fastest of `repeat` runs of `sql`, in seconds; with `warm_up`, after one untimed run
    (caches, and DuckDB's first read of the file)."""
    if warm_up:
        execute(sql)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        execute(sql)
        times.append(time.perf_counter() - started)
    return min(times)

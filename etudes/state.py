"""The learner's progress, in ``.etudes/state.json`` (ignored by git): hints seen, last results."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

STATE_FORMAT = 1


@dataclass(frozen=True)
class LastCheck:
    target: str
    passed: bool
    failed: tuple[str, ...]
    at_utc: str
    # Checks that do not apply on this target and so were not judged (roles on DuckDB).
    not_judged: tuple[str, ...] = ()


@dataclass(frozen=True)
class Progress:
    hint_level: int = 0
    passed_once: bool = False
    last_check: LastCheck | None = None

    @property
    def status(self) -> str:
        """Solved once is solved: a reset, or a later check of other files, does not undo it."""
        if self.passed_once:
            return "solved"
        if self.last_check is None:
            return "not started"
        if self.last_check.passed and self.last_check.not_judged:
            return "partly judged"
        return "trapped"


@dataclass(frozen=True)
class State:
    etudes: dict[str, Progress] = field(default_factory=dict)

    def progress(self, etude_id: str) -> Progress:
        return self.etudes.get(etude_id, Progress())

    def with_progress(self, etude_id: str, progress: Progress) -> State:
        return State({**self.etudes, etude_id: progress})

    def with_check(
        self, etude_id: str, target: str, passed: bool, failed: tuple[str, ...], not_judged: tuple[str, ...] = ()
    ) -> State:
        """A pass solves the etude only when every check was judged: one that does not apply on this
        target (roles on DuckDB) must still pass where it does."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        current = self.progress(etude_id)
        return self.with_progress(
            etude_id,
            replace(
                current,
                passed_once=current.passed_once or (passed and not not_judged),
                last_check=LastCheck(target=target, passed=passed, failed=failed, at_utc=now, not_judged=not_judged),
            ),
        )

    def with_hint_level(self, etude_id: str, level: int) -> State:
        current = self.progress(etude_id)
        return self.with_progress(etude_id, replace(current, hint_level=max(current.hint_level, level)))

    def after_reset(self, etude_id: str) -> State:
        """The files are the trap again, so the last result no longer describes them; hints seen
        and whether the etude was ever solved stay."""
        return self.with_progress(etude_id, replace(self.progress(etude_id), last_check=None))


def load_state(path: Path) -> State:
    """Read the state; a missing or unreadable file is a fresh start, never an error."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        etudes = {}
        for etude_id, raw in payload.get("etudes", {}).items():
            last = raw.get("last_check")
            etudes[etude_id] = Progress(
                hint_level=int(raw.get("hint_level", 0)),
                passed_once=bool(raw.get("passed_once", False)),
                last_check=None
                if last is None
                else LastCheck(
                    target=str(last["target"]),
                    passed=bool(last["passed"]),
                    failed=tuple(last.get("failed", ())),
                    at_utc=str(last.get("at_utc", "")),
                    not_judged=tuple(last.get("not_judged", ())),
                ),
            )
        return State(etudes)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return State()


def save_state(path: Path, state: State) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": STATE_FORMAT, "etudes": {k: asdict(v) for k, v in sorted(state.etudes.items())}}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    temporary.replace(path)

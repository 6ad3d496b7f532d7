"""Errors a user can cause. Each one becomes one clear line and exit code 2 at the edge."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

USAGE_EXIT_CODE = 2


class EtudesError(Exception):
    """An error with a message meant for the person at the terminal: what, where, how to fix."""

    exit_code: int = USAGE_EXIT_CODE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ProjectNotFound(EtudesError):
    """No data_etudes project (dbt_project.yml and etudes/project.toml) was found."""


class CatalogError(EtudesError):
    """The catalog file is malformed or inconsistent."""


class UnknownEtude(EtudesError):
    """An id that names no etude in the catalog."""


class EtudeUnavailable(EtudesError):
    """The etude is registered but not built yet (``available = false``)."""


class ProfileMissing(EtudesError):
    """dbt has no profiles.yml, or the profile lacks the requested target."""


class WarehouseUnreachable(EtudesError):
    """PostgreSQL (or another warehouse) does not answer."""


class WarehouseMisconfigured(EtudesError):
    """A warehouse setting is wrong: a port that is no number, a role or database that does not exist."""


class WarehouseLocked(EtudesError):
    """Another process holds the DuckDB file."""


class CheckMissing(EtudesError):
    """A check named in the catalog does not exist in the dbt project."""


class SolutionLocked(EtudesError):
    """The reference solution is shown only after the etude passes."""


class SnapshotError(EtudesError):
    """The committed copy of the shipped traps is missing, stale or unreadable."""


class DbtCrashed(EtudesError):
    """dbt could not run at all for a reason that is not the learner's SQL."""


class PatchError(EtudesError):
    """A patch is malformed, or does not apply to the text it names."""


class FixesError(EtudesError):
    """A fixes.toml (the alternative and wrong fixes of an etude) is malformed or names a missing patch."""


def read_document(path: Path, loads: Callable[[str], Any], error: type[EtudesError], missing: str, invalid: str) -> Any:
    """A TOML or JSON file parsed; a missing one raises ``error(missing)``, a malformed one
    ``error(invalid)`` with ``{exc}`` replaced by the parser's message (both parsers raise ValueErrors)."""
    try:
        return loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(missing) from None
    except ValueError as exc:
        raise error(invalid.format(exc=exc)) from None

"""`flags` while linting: dbt's invocation flags as a plain run (no `--empty`, no `--full-refresh`).

A macro that reads `flags.EMPTY` then renders the SQL of an ordinary run, which is what gets linted.
"""

EMPTY = False
FULL_REFRESH = False
WHICH = "run"

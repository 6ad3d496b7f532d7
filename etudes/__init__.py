"""The `etudes` command: rustlings for data engineering, on top of dbt.

Modules, one job each:

- ``catalog``: finds each etude's ``.meta/etude.toml`` and validates it into frozen dataclasses.
- ``dbt_runner``: the only module that imports dbt; runs dbt in-process.
- ``warehouse``: reads a few rows from DuckDB or PostgreSQL, checks reachability.
- ``checks`` and ``scenarios``: run an etude's checks and report each one.
- ``workspace``: the project's paths, the shipped-trap snapshot, scratch copies.
- ``state``: the learner's progress in ``.etudes/state.json``.
- ``engine``: the use cases (check, verify, reset, demo) the CLI and tests call.
- ``display``: terminal output with rich.
- ``cli``: argparse, and the one place errors become an exit code.
"""

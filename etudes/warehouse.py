"""Direct, read-mostly access to the warehouse: is it there, and a few rows of a relation.

Reads the same environment variables as ``profiles.yml`` (``DATA_ETUDES_DUCKDB_PATH``,
``DATA_ETUDES_SCHEMA``, ``DATA_ETUDES_PG_*``), so it looks where dbt wrote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etudes.errors import WarehouseLocked, WarehouseMisconfigured, WarehouseUnreachable

TARGETS = ("duckdb", "postgres")
# profiles.yml's default target schema per target, when DATA_ETUDES_SCHEMA is not set.
DEFAULT_SCHEMAS = {"duckdb": "main", "postgres": "data_etudes"}


@dataclass(frozen=True)
class Rows:
    """Some rows of a result: ``total`` says how many there are in all when ``rows`` is a sample,
    and ``relation`` where to read them all."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    total: int | None = None
    relation: str | None = None


@dataclass(frozen=True)
class Warehouse:
    target: str
    duckdb_path: Path
    pg_host: str
    pg_port: int
    pg_user: str
    pg_password: str
    pg_database: str
    schema: str

    @classmethod
    def from_env(cls, target: str, env: Mapping[str, str]) -> Warehouse:
        return cls(
            target=target,
            duckdb_path=Path(env.get("DATA_ETUDES_DUCKDB_PATH", "data_etudes.duckdb")),
            pg_host=env.get("DATA_ETUDES_PG_HOST", "127.0.0.1"),
            # Only PostgreSQL reads the port (dbt renders only the target's own output).
            pg_port=_port(env.get("DATA_ETUDES_PG_PORT", "5432")) if target == "postgres" else 0,
            pg_user=env.get("DATA_ETUDES_PG_USER", "postgres"),
            pg_password=env.get("DATA_ETUDES_PG_PASSWORD", ""),
            pg_database=env.get("DATA_ETUDES_PG_DATABASE", "postgres"),
            schema=env.get("DATA_ETUDES_SCHEMA", DEFAULT_SCHEMAS.get(target, "main")),
        )

    @property
    def where(self) -> str:
        if self.target == "duckdb":
            return str(self.duckdb_path)
        return f"{self.pg_user}@{self.pg_host}:{self.pg_port}/{self.pg_database}"

    def ensure_reachable(self) -> None:
        """Fail fast, with one line, before dbt spends seconds discovering the same thing."""
        if self.target == "postgres":
            self._pg_connect().close()
        elif self.duckdb_path.exists():
            self._duckdb_connect(read_only=False).close()

    def read_rows(self, relation: str, limit: int) -> Rows:
        """``limit`` rows of a relation named as dbt renders it (``"db"."schema"."table"``).

        Rows come ordered by every column, first to last, so the sample is the same on every run and
        rows about the same key sit together (a known-answer test's ``missing`` row beside its
        ``unexpected`` one).
        """
        columns = self.query(f"select * from {relation} limit 0").columns
        order = ", ".join(str(position) for position in range(1, len(columns) + 1))
        return self.query(f"select * from {relation}{f' order by {order}' if order else ''} limit {int(limit)}")

    def query(self, sql: str) -> Rows:
        """The rows of one read-only query (e.g. the run log query a failing check prints)."""
        if self.target == "duckdb":
            connection = self._duckdb_connect(read_only=True)
        else:
            connection = self._pg_connect()
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            columns = tuple(d[0] for d in cursor.description or ())
            return Rows(columns, tuple(tuple(r) for r in cursor.fetchall()))
        finally:
            connection.close()

    def drop_relations_named(self, names: Sequence[str], schema_prefix: str | None) -> None:
        """Drop every table or view called one of ``names`` (in a schema named ``schema_prefix`` or
        ``schema_prefix_*``; any schema when None): what a model that no longer exists left behind."""
        if not names:
            return
        placeholders = ", ".join(["%s" if self.target == "postgres" else "?"] * len(names))
        sql = f"select table_schema, table_name, table_type from information_schema.tables where table_name in ({placeholders})"
        connection = self._pg_connect() if self.target == "postgres" else self._duckdb_connect(read_only=False)
        try:
            if self.target == "postgres":
                connection.autocommit = True
            cursor = connection.cursor()
            cursor.execute(sql, list(names))
            for schema, name, kind in cursor.fetchall():
                if schema_prefix and schema != schema_prefix and not schema.startswith(f"{schema_prefix}_"):
                    continue
                what = "view" if kind.upper() == "VIEW" else "table"
                cascade = " cascade" if self.target == "postgres" else ""
                cursor.execute(f'drop {what} if exists "{schema}"."{name}"{cascade}')
        finally:
            connection.close()

    def drop_schemas(self, prefix: str) -> None:
        """Drop every PostgreSQL schema named ``prefix`` or ``prefix_*`` (scratch runs clean up)."""
        if self.target != "postgres":
            return
        connection = self._pg_connect()
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(
                    "select nspname from pg_namespace where nspname = %s or nspname like %s",
                    (prefix, prefix.replace("_", "\\_") + "\\_%"),
                )
                for (schema,) in cursor.fetchall():
                    cursor.execute(f'drop schema if exists "{schema}" cascade')
        finally:
            connection.close()

    def _duckdb_connect(self, read_only: bool) -> Any:
        import duckdb

        try:
            return duckdb.connect(str(self.duckdb_path), read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc)
            if "lock" in message.lower():
                holder = ""
                if "(PID " in message:
                    holder = " (PID " + message.split("(PID ", 1)[1].split(")")[0] + ")"
                raise WarehouseLocked(
                    f"the DuckDB file {self.duckdb_path} is locked by another process{holder}: "
                    "close it (a DuckDB shell, a notebook, another dbt run) and try again"
                ) from None
            raise

    def _pg_connect(self) -> Any:
        import psycopg2

        try:
            return psycopg2.connect(
                host=self.pg_host,
                port=self.pg_port,
                user=self.pg_user,
                password=self.pg_password,
                dbname=self.pg_database,
                connect_timeout=3,
            )
        except psycopg2.OperationalError as exc:
            reason = " ".join(str(exc).split())[:160]
            refusal = _refusal(reason)
            if refusal is not None:
                raise WarehouseMisconfigured(f"PostgreSQL at {self.where} answers, but {refusal}") from None
            raise WarehouseUnreachable(
                f"PostgreSQL at {self.where} is unreachable ({reason}): start it, or point "
                "DATA_ETUDES_PG_HOST/PORT/USER at a running server"
            ) from None


def _port(text: str) -> int:
    """DATA_ETUDES_PG_PORT as a number, or one line saying what to set."""
    if text.strip().isdigit() and 0 < int(text) < 65536:
        return int(text)
    raise WarehouseMisconfigured(
        f"DATA_ETUDES_PG_PORT is {text!r}, not a port number: set it to PostgreSQL's port (e.g. 5432) or unset it"
    )


def _refusal(reason: str) -> str | None:
    """What a PostgreSQL server that answered said no to, and what to set; None if it did not answer."""
    lowered = reason.lower()
    if "role" in lowered and "does not exist" in lowered:
        return (f"{_quoted(reason, 'role')} does not exist: create it (createuser) "
                "or set DATA_ETUDES_PG_USER to a role that exists")
    if "database" in lowered and "does not exist" in lowered:
        return (f"{_quoted(reason, 'database')} does not exist: create it (createdb) "
                "or set DATA_ETUDES_PG_DATABASE to one that exists")
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return "it refused the login: set DATA_ETUDES_PG_PASSWORD (or DATA_ETUDES_PG_USER) to credentials it accepts"
    return None


def _quoted(reason: str, noun: str) -> str:
    """`role "x"` as the server named it, else the noun alone."""
    marker = f'{noun} "'
    if marker in reason:
        return f'the {noun} "' + reason.split(marker, 1)[1].split('"', 1)[0] + '"'
    return f"the {noun}"

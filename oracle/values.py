"""Parsing raw text, and formatting values exactly as the expected seeds are written.

Money is Decimal with two places, never float. Timestamps are naive datetimes
in UTC. A value is formatted according to its column's SQL type, and a value
of the wrong Python type is an error rather than a silent conversion.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

CENT = Decimal("0.01")

# SQL types the expected seeds use, as written in _expected__seeds.yml.
INTEGER = "integer"
BIGINT = "bigint"
MONEY = "numeric(18, 2)"
TIMESTAMP = "timestamp"
DATE = "date"
BOOLEAN = "boolean"
TEXT = "varchar"


def parse_int(text: str | None) -> int | None:
    return None if text is None else int(text.strip())


def parse_money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.strip()).quantize(CENT)


def cents_to_usd(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def parse_bool(text: str | None) -> bool | None:
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered not in ("true", "false"):
        raise ValueError(f"not a boolean: {text!r}")
    return lowered == "true"


def clean_text(text: str | None) -> str | None:
    """Trimmed text; an empty result is NULL."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def normalise_email(text: str | None) -> str | None:
    cleaned = clean_text(text)
    return None if cleaned is None else cleaned.lower()


def parse_timestamp_utc(text: str | None) -> datetime | None:
    """A timestamp with `Z`, with an offset, or without a zone (which the shop's systems write in UTC)."""
    if text is None:
        return None
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def month_start(moment: datetime) -> date:
    return date(moment.year, moment.month, 1)


def format_value(value: object, sql_type: str) -> str:
    """The CSV text of a value in a column of the given SQL type; NULL is an empty cell."""
    if value is None:
        return ""
    if sql_type in (INTEGER, BIGINT):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{sql_type} column needs an int, got {value!r}")
        return str(value)
    if sql_type == MONEY:
        if not isinstance(value, Decimal):
            raise TypeError(f"{sql_type} column needs a Decimal, got {value!r}")
        return str(value.quantize(CENT))
    if sql_type == TIMESTAMP:
        if not isinstance(value, datetime) or value.tzinfo is not None:
            raise TypeError(f"{sql_type} column needs a naive UTC datetime, got {value!r}")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if sql_type == DATE:
        if isinstance(value, datetime) or not isinstance(value, date):
            raise TypeError(f"{sql_type} column needs a date, got {value!r}")
        return value.isoformat()
    if sql_type == BOOLEAN:
        if not isinstance(value, bool):
            raise TypeError(f"{sql_type} column needs a bool, got {value!r}")
        return "true" if value else "false"
    if sql_type == TEXT:
        if not isinstance(value, str):
            raise TypeError(f"{sql_type} column needs a str, got {value!r}")
        if value == "":
            raise ValueError("an empty string would load as NULL; use None")
        return value
    raise ValueError(f"unknown SQL type {sql_type!r}")

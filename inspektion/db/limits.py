"""How long a text may be: read from the Piccolo column definitions, nowhere else.

PostgreSQL refuses a value longer than its `varchar(n)`; SQLite stores anything. So the
limit a column declares in `tables.py` is the one source of truth both for the API schemas
(`text_meta`) and for the services (`check_fits`), and SQLite keeps what PostgreSQL would.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from msgspec import Meta
from piccolo.columns import BigInt, BigSerial, Integer, Serial, SmallInt, Varchar

from inspektion.domain.errors import InvalidInput

_BITS = ((BigSerial, 63), (BigInt, 63), (Serial, 31), (SmallInt, 15), (Integer, 31))


@cache
def integer_range() -> tuple[int, int]:
    """The range every whole number from outside must fit: that of the widest integer column
    in tables.py. Serial and Integer are 32-bit on PostgreSQL (SQLite takes 64), so today an
    id, version or amount above 2 147 483 647 names nothing and is refused before any query.
    """
    from inspektion.db.tables import ALL_TABLES

    widest = 15
    for table in ALL_TABLES:
        for column in table._meta.columns:
            bits = next((b for kind, b in _BITS if isinstance(column, kind)), 0)
            widest = max(widest, bits)
    return -(2**widest), 2**widest - 1


def column_length(column: Any) -> int:
    """The `length` of a Varchar column (the only text columns with a limit)."""
    if not isinstance(column, Varchar) or column.length is None:
        raise TypeError(f"{column!r} is not a Varchar column with a length")
    return int(column.length)


def text_meta(column: Any, min_length: int = 0, **extra: Any) -> Meta:
    """msgspec constraints for a body field stored in `column`."""
    return Meta(min_length=min_length, max_length=column_length(column), **extra)


def check_fits(field: str, value: str | None, column: Any, label: str | None = None) -> None:
    """Refuse, naming the field, a text longer than its column."""
    if value is not None and len(value) > column_length(column):
        raise InvalidInput(f"{label or field.capitalize()} får vara högst "
                           f"{column_length(column)} tecken lång (nu {len(value)}).", field)

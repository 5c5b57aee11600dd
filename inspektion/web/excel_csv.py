"""CSV that Swedish Excel opens as it is: semicolons, decimal comma, UTF-8 with a BOM.

Swedish Excel reads ';' as the list separator and ',' as the decimal sign, and takes a file
as UTF-8 only when it starts with a byte-order mark. A cell that starts with = + - @ (or a
tab or carriage return) would be read as a formula (CSV injection, OWASP), so such a text
gets a leading apostrophe, which Excel shows as plain text. Numbers are written by us, never
from user text, so a negative number stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

Cell = str | int | float | Decimal | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell that cannot start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return f"{float(value):.4g}".replace(".", ",")
    return neutralise(str(value))


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([neutralise(h) for h in header])
    for row in rows:
        w.writerow([cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")

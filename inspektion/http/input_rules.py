"""The rules every value from outside must keep, in one place.

The edge middleware (`inspektion.http.edge`) applies them to every request before a handler
sees it, API and pages alike: path and query parameters, JSON bodies and HTML forms. Text
lengths are the columns' own (`inspektion.db.limits`); these are the rules no column states:

- a whole number fits the integer columns (ids, cursors, versions, amounts): 32-bit, as
  Piccolo's Serial and Integer are on PostgreSQL (`db.limits.integer_range`);
- a date lies in a sane window (default 2000-01-01 – 2100-12-31), so no deadline can run
  off the end of the calendar in a sweep;
- text has no control character other than tab and newline: Word's manual line break
  (\\x0b), form feed and carriage returns become newlines, NUL and the rest are refused
  (lxml cannot write them into a letter, PostgreSQL cannot store NUL);
- JSON is nested at most `json_max_depth` deep and no list or object holds more than
  `json_max_items` entries.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from inspektion.db.limits import integer_range
from inspektion.domain.errors import InvalidInput

INT_MIN, INT_MAX = integer_range()
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Cc (C0, DEL, C1) but tab and newline; Cs (lone surrogates); Cn is left to Unicode's future.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_DATE = re.compile(r"^(\d{4,})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class Limits:
    date_min: date
    date_max: date
    json_max_depth: int
    json_max_items: int


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.lstrip("-").isdigit() else default


@lru_cache(maxsize=8)
def _limits(min_year: int, max_year: int, depth: int, items: int) -> Limits:
    return Limits(date(min_year, 1, 1), date(max_year, 12, 31), depth, items)


def limits() -> Limits:
    """From INSPEKTION_DATE_MIN_YEAR / _DATE_MAX_YEAR / _JSON_MAX_DEPTH / _JSON_MAX_ITEMS."""
    return _limits(_int("INSPEKTION_DATE_MIN_YEAR", 2000), _int("INSPEKTION_DATE_MAX_YEAR", 2100),
                   _int("INSPEKTION_JSON_MAX_DEPTH", 20), _int("INSPEKTION_JSON_MAX_ITEMS", 1000))


def _label(field: str) -> str:
    return f"Fältet {field}" if field else "Förfrågan"


# More digits than any integer column can hold: refused as too big without calling int(), which
# raises ValueError past 4300 digits (and would spend CPU on a long one before that).
_MAX_DIGITS = 20


def integer_fits(text: str) -> bool:
    """A whole number written as text (sign and leading zeros allowed) fits the columns."""
    digits = text.strip().lstrip("+-").lstrip("0")
    return len(digits) <= _MAX_DIGITS and INT_MIN <= int(text.strip()) <= INT_MAX


def too_big(field: str) -> InvalidInput:
    """The refusal of a number no column holds, naming the field (and, beside a page form's
    field, just "Talet är för stort …")."""
    return InvalidInput(f"{_label(field)}: talet är för stort (högst "
                        f"{INT_MAX:,}).".replace(",", "\u00a0"), field)


def check_int(field: str, value: int) -> int:
    if not INT_MIN <= value <= INT_MAX:
        raise too_big(field)
    return value


def check_date(field: str, value: date) -> date:
    window = limits()
    if not window.date_min <= value <= window.date_max:
        raise InvalidInput(f"{_label(field)}: datumet ska ligga mellan "
                           f"{window.date_min.year} och {window.date_max.year}.", field)
    return value


def _date_in_text(field: str, text: str) -> None:
    """A value shaped like an ISO date (the only form the schemas accept) is a date."""
    found = _DATE.match(text)
    if not found:
        return
    year, month, day = (int(g) for g in found.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        return  # not a real date: the schema's own check says so
    check_date(field, value)


def clean_text(field: str, text: str) -> str:
    """`text` with line breaks made newlines; a 400 naming the field for anything worse."""
    text = _NEWLINES.sub("\n", text)
    bad = _FORBIDDEN.search(text)
    if bad:
        char = bad.group()
        name = unicodedata.name(char, "styrtecken") if char.isprintable() else "styrtecken"
        raise InvalidInput(f"{_label(field)} innehåller ett tecken som inte får användas "
                           f"(U+{ord(char):04X}, {name.lower()}). Ta bort det och försök igen.",
                           field)
    _date_in_text(field, text)
    return text


# Fields whose value is text even when it is all digits: an organisation number typed without
# its dash (5560360793 > 2**31), a search for one, the code of an answer link. They are never
# read as a number, so the integer rule would only refuse what a user rightly typed.
TEXT_ONLY = frozenset({"q", "org_nr", "kod"})


def check_param(field: str, text: str) -> str:
    """A query or form value: text rules, and a number must fit its column."""
    text = clean_text(field, text)
    if field in TEXT_ONLY:
        return text
    if _INTEGER.match(text.strip()) and not integer_fits(text):
        raise too_big(field)
    return text


def _join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def clean_json(value: Any, path: str = "", depth: int = 0) -> Any:
    """A decoded JSON document with every rule applied (texts normalised)."""
    window = limits()
    if depth > window.json_max_depth:
        raise InvalidInput(f"Förfrågans JSON är för djupt nästlad (högst "
                           f"{window.json_max_depth} nivåer).", path or None)
    if isinstance(value, str):
        return clean_text(path, value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        return check_int(path, value)
    if isinstance(value, list):
        if len(value) > window.json_max_items:
            raise InvalidInput(f"Listan {path or 'i förfrågan'} är för lång (högst "
                               f"{window.json_max_items} poster).", path or None)
        return [clean_json(v, _join(path, i), depth + 1) for i, v in enumerate(value)]
    if isinstance(value, dict):
        if len(value) > window.json_max_items:
            raise InvalidInput(f"Objektet {path or 'i förfrågan'} har för många fält (högst "
                               f"{window.json_max_items}).", path or None)
        return {clean_text(_join(path, "(namn)"), k): clean_json(v, _join(path, k), depth + 1)
                for k, v in value.items()}
    return value


_BRACKETS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]')


def json_depth_within(raw: bytes, most: int) -> bool:
    """True if no bracket in `raw` opens deeper than `most` (strings skipped).

    Checked on the bytes, before any decoder recurses: msgspec and the json module both give
    up with a RecursionError on very deep documents, which would otherwise be a 500.
    """
    depth = 0
    for match in _BRACKETS.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > most:
                return False
        elif token in (b"]", b"}"):
            depth -= 1
    return True

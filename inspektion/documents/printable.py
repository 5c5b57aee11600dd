"""What a letter may print: text without control characters.

The input rules keep new text clean, but rows written before them may hold Word's manual
line break (\\x0b), unit separators or NUL. lxml (DOCX) refuses such characters and
ReportLab prints boxes, so one bad krav once made a case's letter fail for good. Every
string of the letter model passes through `printable` before either renderer sees it:
line-break-like characters become newlines, the rest are dropped.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable_text(text: str) -> str:
    return _DROP.sub("", _BREAKS.sub("\n", text))


def printable(value: T) -> T:
    """`value` (a frozen dataclass tree of tuples and strings) with every string cleaned."""
    out: Any
    if isinstance(value, str):
        out = printable_text(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = dataclasses.replace(value, **{
            f.name: printable(getattr(value, f.name)) for f in dataclasses.fields(value)
            if f.init})
    elif isinstance(value, tuple):
        out = tuple(printable(v) for v in value)
    elif isinstance(value, list):
        out = [printable(v) for v in value]
    else:
        out = value
    return out  # type: ignore[no-any-return]

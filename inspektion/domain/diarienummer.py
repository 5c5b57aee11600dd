"""AV's registration numbers: a case `YYYY/NNNNNN`, a document in it `YYYY/NNNNNN-N`."""

from __future__ import annotations

import re

from inspektion.domain.errors import InvalidInput

_CASE = re.compile(r"^(\d{4})/(\d{6})$")


def format_case(year: int, seq: int) -> str:
    if not 1 <= seq <= 999_999:
        raise ValueError(f"sequence out of range: {seq}")
    return f"{year:04d}/{seq:06d}"


def format_document(diarienummer: str, seq: int) -> str:
    return f"{diarienummer}-{seq}"


def parse_case(text: str) -> tuple[int, int]:
    match = _CASE.match(text.strip())
    if not match:
        raise InvalidInput(f"{text!r} är inget diarienummer (ÅÅÅÅ/NNNNNN).", "diarienummer")
    return int(match.group(1)), int(match.group(2))


def looks_like_case(text: str) -> bool:
    return bool(_CASE.match(text.strip()))

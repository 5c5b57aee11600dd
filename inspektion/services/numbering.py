"""Diarienummer: given out in order per year, never twice, also under concurrent requests."""

from __future__ import annotations

from inspektion.db.counters import next_diarie_seq
from inspektion.domain.diarienummer import format_case


async def next_diarienummer(year: int) -> tuple[int, str]:
    """Bump the year's counter atomically; call inside the transaction that uses the number.

    The single upsert statement is atomic on both databases, so two requests at once get two
    consecutive numbers and a rolled-back action gives its number back.
    """
    seq = await next_diarie_seq(year)
    return seq, format_case(year, seq)

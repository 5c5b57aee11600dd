"""Amounts in SEK as the pages, letters and reminders write them: "50 000 kr".

Thousands are grouped with a no-break space and the unit follows after another, so an
amount never breaks over two lines. (A decision's running text spells the unit out,
"50 000 kronor": documents.swedish.kronor.)
"""

from __future__ import annotations


def kr(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"

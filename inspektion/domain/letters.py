"""The letters the authority writes, named once.

`LETTER_KINDS` are the letters a case's steps compose and store (each quotes krav and
meetings); `SERVABLE_LETTERS` are those that await proof of service (delgivning): every
written letter but the application to the court, which the court serves itself.
"""

from __future__ import annotations

from typing import Literal, get_args

LetterKind = Literal["inspektionsmeddelande", "tillsynsmeddelande", "underrattelse", "forelaggande",
                     "ansokan_utdomande"]
LETTER_KINDS: tuple[LetterKind, ...] = get_args(LetterKind)
SERVABLE_LETTERS = frozenset({"inspektionsmeddelande", "tillsynsmeddelande", "underrattelse",
                              "forelaggande"})
# The jurist's decisions among them.
DECISION_LETTERS = frozenset({"underrattelse", "forelaggande"})

"""Bevakning: the kinds of visit that can be planned, and one dated item of a calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PLANNED_KINDS: dict[str, str] = {"formote": "Förmöte", "gruppsamtal": "Gruppsamtal",
                                 "aterkoppling": "Återkoppling",
                                 "uppfoljning": "Uppföljningsbesök"}


@dataclass(frozen=True)
class CalendarItem:
    uid: str          # stable across feeds, so a calendar updates the event instead of adding
    day: date
    title: str
    kind: str         # "besok" | "svarsdatum" | "beslut"
    case_id: int
    diarienummer: str
    kommun: str
    arbetsstalle: str

"""The read-only view of a case's diarium that the case summary PDF is rendered from.

Kept apart from the renderer so that reading a diarium does not load ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DiariumFile:
    n: int
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class DiariumEntry:
    """One line of the diarium (services/diarium.py builds them)."""

    number: str
    date: date
    direction: str          # "in" | "ut"
    kind: str
    kind_label: str
    counterpart: str
    description: str
    document_id: int | None = None   # an outgoing letter: its PDF and DOCX
    handling_id: int | None = None   # an inkommen handling: its files
    files: tuple[DiariumFile, ...] = ()

    @property
    def seq(self) -> int:
        tail = self.number.rsplit("-", 1)[-1]
        return int(tail) if tail.isdecimal() else 0


@dataclass(frozen=True)
class Diarium:
    case_id: int
    diarienummer: str
    kommun: str
    arbetsstalle: str
    employer: str
    org_nr: str
    status_label: str
    entries: list[DiariumEntry]
    printed_on: date

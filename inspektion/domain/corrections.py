"""When a krav or a meeting may still be corrected or withdrawn.

A letter, once issued, is immutable: what it says was sent to the employer. So a krav or a
meeting can be changed only until a letter that carries it is issued; after that a correction
is a new letter. The services look up which letters carry what; the rule is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspektion.domain.errors import StepRefused
from inspektion.domain.letters import LETTER_KINDS

# Letters that quote krav and meetings (registrations such as "svar" carry nothing).
CORRECTABLE_MEETINGS = frozenset({"formote", "aterkoppling", "aterkopplande_mote",
                                  "uppfoljning"})
MEETING_LABELS = {"formote": "Förmötet", "gruppsamtal": "Gruppsamtalet",
                  "aterkoppling": "Återkopplingen", "aterkopplande_mote": "Det återkopplande mötet",
                  "uppfoljning": "Uppföljningsbesöket"}


@dataclass(frozen=True)
class IssuedLetter:
    number: str
    kind: str
    created_on: date
    krav_ids: frozenset[int]
    meeting_ids: frozenset[int] | None  # None: issued before letters listed their meetings


def letter_with_krav(krav_id: int, letters: list[IssuedLetter]) -> IssuedLetter | None:
    return next((x for x in letters if x.kind in LETTER_KINDS and krav_id in x.krav_ids), None)


def letter_with_meeting(meeting_id: int, meeting_date: date,
                        letters: list[IssuedLetter]) -> IssuedLetter | None:
    """The first letter that carries the meeting. Letters issued before they listed their
    meetings are taken to carry every meeting held on or before their date."""
    for x in letters:
        if x.kind not in LETTER_KINDS:
            continue
        if x.meeting_ids is None:
            if meeting_date <= x.created_on:
                return x
        elif meeting_id in x.meeting_ids:
            return x
    return None


def check_krav_correctable(number: int, letter: IssuedLetter | None) -> None:
    if letter is not None:
        raise StepRefused(
            f"Krav {number} finns i {_letter_name(letter)} {letter.number} som redan är "
            "skickat. Ett skickat brev ändras inte; en rättelse görs i ett nytt brev.")


def check_meeting_correctable(kind: str, letter: IssuedLetter | None) -> None:
    label = MEETING_LABELS.get(kind, "Mötet")
    if kind not in CORRECTABLE_MEETINGS:
        raise StepRefused(f"{label} kan inte ändras här; ett gruppsamtals sammanställning "
                          "är anonym och ändras inte i efterhand.")
    if letter is not None:
        raise StepRefused(
            f"{label} finns med i {_letter_name(letter)} {letter.number} som redan är "
            "skickat. Ett skickat brev ändras inte; en rättelse görs i ett nytt brev.")


_NAMES = {"inspektionsmeddelande": "inspektionsmeddelandet",
          "tillsynsmeddelande": "tillsynsmeddelandet", "underrattelse": "underrättelsen",
          "forelaggande": "föreläggandet", "ansokan_utdomande": "ansökan om utdömande"}


def _letter_name(letter: IssuedLetter) -> str:
    return _NAMES.get(letter.kind, "brevet")

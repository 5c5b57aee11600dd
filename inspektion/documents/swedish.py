"""Swedish wording of dates, amounts, lists and meeting kinds.

Letters are legal documents read by people, so dates are written out in words
("23 november 2026") rather than ISO form, and amounts use the Swedish thousands
separator. The formatting lives in one place so both renderers print exactly the same
strings; it does not depend on the machine's locale, which would make output vary.
"""

from collections.abc import Sequence
from datetime import date

_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

# A no-break space keeps "50 000 kronor" on one line in both PDF and Word.
NBSP = "\u00a0"

_MEETING_LABELS = {
    "formote": "Förmöte med ledning och huvudskyddsombud",
    "gruppsamtal": "Gruppsamtal med socialsekreterare",
    "aterkoppling": "Återkoppling till närmaste chef och skyddsombud",
    "aterkopplande_mote": "Återkopplande möte med ledningen",
    "uppfoljning": "Uppföljande besök",
    "besok": "Besök på arbetsstället",
}


def swedish_date(value: date) -> str:
    """Write a date the way a Swedish letter does: "3 mars 2027" (no leading zero)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def swedish_month(value: date) -> str:
    """A month as a heading reads it: "December 2026"."""
    return f"{_MONTHS[value.month - 1].capitalize()} {value.year}"


def group_thousands(value: int) -> str:
    """Group digits by three with a no-break space: 1250000 -> "1 250 000"."""
    sign = "-" if value < 0 else ""
    digits = str(abs(value))
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + NBSP.join(groups)


def kronor(value: int) -> str:
    """An amount in SEK as written in a decision: "50 000 kronor"."""
    return f"{group_thousands(value)}{NBSP}kronor"


def join_words(items: Sequence[str]) -> str:
    """Join as Swedish prose: "a", "a och b", "a, b och c"."""
    words = [item for item in items if item]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " och " + words[-1]


def meeting_label(kind: str) -> str:
    """What a meeting kind is called in a letter; unknown kinds are shown readably."""
    return _MEETING_LABELS.get(kind, kind.replace("_", " ").capitalize())


def page_label(page: int, pages: int) -> str:
    """The page marking required on every page of a letter."""
    return f"Sida {page} av {pages}"

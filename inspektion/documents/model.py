"""The format-neutral letter: what a letter says, not how it looks.

Both renderers (PDF and DOCX) walk the same `Letter`, so the two files of a letter can
never say different things. Every string here is final Swedish text; a renderer only
chooses fonts, spacing and page furniture.
"""

from dataclasses import dataclass
from datetime import date

from .view import LetterKind

SENDER_NAME = "Arbetsmiljöverket"
SENDER_POSTAL = "112 79 Stockholm"
SENDER_PHONE = "010-730 90 00"
SENDER_EMAIL = "arbetsmiljoverket@av.se"
DRAFT_MARK = "UTKAST"


@dataclass(frozen=True)
class Field:
    """A labelled value, e.g. "Diarienummer" / "2026/000123" (value may be empty)."""

    label: str
    value: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class NumberedItem:
    """One krav, topic or measure: its number, its text and labelled details under it.

    Kept as one block so a renderer can keep an item together on a page, and split it
    between lines (never drop text) when it is longer than a page.
    """

    number: int
    text: str
    details: tuple[Field, ...] = ()


Block = Paragraph | Bullets | NumberedItem


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Signature:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Letter:
    kind: LetterKind
    title: str
    diarienummer: str
    document_number: str
    letter_date: date
    reference: tuple[Field, ...]  # Datum, Diarienummer, Dokumentnummer, Er referens
    addressee: tuple[str, ...]  # lines of the address block
    sections: tuple[Section, ...]
    closing: str  # e.g. "Med vänlig hälsning"; empty for a decision
    signatures: tuple[Signature, ...]
    copies: tuple[str, ...]  # "Kopia till" lines
    footer: tuple[str, ...]  # sender's postal and contact lines, printed on every page
    draft: bool = False
    sender: str = SENDER_NAME
    language: str = "sv-SE"

    @property
    def header_right(self) -> str:
        """The running header beside the sender's name: what the letter is and its number."""
        return f"{self.title} · {self.document_number}"

    @property
    def metadata_subject(self) -> str:
        return f"{self.title}, diarienummer {self.diarienummer}"

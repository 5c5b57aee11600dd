"""The regulation catalogue and the rules for citing it.

A krav may cite only a paragraph in the catalogue; a paragraph that is repealed, or whose
regulation is not in force on the day, is never offered; a letter cites the rule in force on
its date, following the catalogue's successor where the old rule has been replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from inspektion.domain.errors import InvalidInput


@dataclass(frozen=True)
class Paragraph:
    regulation_id: str
    number: str          # "9 §", "2 kap. 6 §"
    topic: str
    verified: bool
    source: str | None = None
    successor: str | None = None   # a citation such as "AFS 2023:2 2 kap. 6 §", when it parses
    repealed: bool = False

    @property
    def citation(self) -> str:
        return f"{self.regulation_id} {self.number}"


@dataclass(frozen=True)
class Regulation:
    id: str
    title: str
    in_force_from: date | None = None
    in_force_to: date | None = None
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)

    def in_force_on(self, day: date) -> bool:
        if self.in_force_from and day < self.in_force_from:
            return False
        return not (self.in_force_to and day > self.in_force_to)


_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """One spelling of a citation: single spaces, no comma after the regulation."""
    return _SPACES.sub(" ", text.replace(",", " ")).strip()


@dataclass(frozen=True)
class Catalogue:
    regulations: tuple[Regulation, ...]

    def find(self, citation: str) -> Paragraph | None:
        """The paragraph a citation names, or None; the longest regulation id wins."""
        text = normalise(citation)
        for reg in sorted(self.regulations, key=lambda r: -len(r.id)):
            if text.startswith(reg.id + " "):
                number = text[len(reg.id) + 1:]
                for para in reg.paragraphs:
                    if para.number == number:
                        return para
                return None
        return None

    def regulation(self, regulation_id: str) -> Regulation | None:
        return next((r for r in self.regulations if r.id == regulation_id), None)

    def is_citable_on(self, para: Paragraph, day: date) -> bool:
        reg = self.regulation(para.regulation_id)
        return bool(reg and reg.in_force_on(day) and not para.repealed)

    def citable_on(self, day: date) -> list[Paragraph]:
        """What a user may choose from on a given day (never repealed ones)."""
        return [p for r in self.regulations if r.in_force_on(day)
                for p in r.paragraphs if not p.repealed]

    def check_citations(self, citations: list[str], day: date) -> list[str]:
        """Normalised citations, or InvalidInput naming the first one that may not be cited."""
        if not citations:
            raise InvalidInput("Ett krav måste hänvisa till minst en paragraf.", "citations")
        checked: list[str] = []
        for raw in citations:
            para = self.find(raw)
            if para is None:
                raise InvalidInput(
                    f"{raw!r} finns inte i regelkatalogen; välj en paragraf ur katalogen.",
                    "citations")
            if para.repealed:
                raise InvalidInput(f"{para.citation} är upphävd och får inte åberopas.",
                                   "citations")
            if not self.is_citable_on(para, day):
                raise InvalidInput(
                    f"{para.citation} gäller inte {day.isoformat()}; välj den regel som gäller.",
                    "citations")
            if para.citation not in checked:
                checked.append(para.citation)
        return checked

    def in_force_citation(self, citation: str, day: date) -> str:
        """The citation a letter dated `day` should carry, following successors if needed."""
        para = self.find(citation)
        seen = 0
        while para is not None and not self.is_citable_on(para, day) and seen < 5:
            nxt = self.find(para.successor) if para.successor else None
            if nxt is None:
                break
            para, seen = nxt, seen + 1
        return para.citation if para is not None else normalise(citation)

    def letter_form(self, citation: str) -> str:
        """How a letter prints a citation: "AFS 2015:4, 9 §" or "7 kap. 7 § arbetsmiljölagen"."""
        para = self.find(citation)
        if para is None:
            return normalise(citation)
        if para.regulation_id.startswith("AFS"):
            return f"{para.regulation_id}, {para.number}"
        if para.regulation_id == "AML":
            return f"{para.number} arbetsmiljölagen (1977:1160)"
        law = para.regulation_id
        if law.startswith(("Lag (", "Förvaltningslag (")):  # "Lag (1985:206) om viten"
            name, _, rest = law.partition(" (")
            law = f"{name.lower()}en ({rest}"  # → "lagen (1985:206) om viten"
        return f"{para.number} {law[:1].lower()}{law[1:]}"

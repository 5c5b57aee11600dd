"""The regulation catalogue and the rules for citing it.

A krav may cite only a paragraph in the catalogue; a paragraph that is repealed, or whose
regulation is not in force on the day, is never offered; a letter cites the rule in force on
its date, following the catalogue's successor where the old rule has been replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from inspektion.domain.errors import InvalidInput, StepRefused

# Laws that govern how Arbetsmiljöverket itself proceeds (kommunicering, vite, tillsyn,
# appeal). A letter names them as its own legal basis; they are never what an employer has
# failed to do. AML 7 kap. is the authority's tillsyn (föreläggande, kopia till skyddsombud),
# 9 kap. the appeal. The court's competence (lagen om allmänna förvaltningsdomstolar and its
# förordning) decides only where an ansökan om utdömande goes.
PROCEDURAL_REGULATIONS = ("Förvaltningslag (2017:900)", "Lag (1985:206) om viten",
                          "Lag (1971:289) om allmänna förvaltningsdomstolar",
                          "Förordning (1977:937)")
PROCEDURAL_CHAPTERS = {"AML": ("7 kap.", "9 kap.")}


@dataclass(frozen=True)
class Paragraph:
    regulation_id: str
    number: str          # "9 §", "2 kap. 6 §"
    topic: str
    verified: bool
    source: str | None = None
    # Where the content lives once this rule is repealed: individual citable paragraphs,
    # e.g. ("AFS 2023:1 7 §", "AFS 2023:1 8 §"); empty when no successor is known.
    successors: tuple[str, ...] = ()
    repealed: bool = False

    @property
    def citation(self) -> str:
        return f"{self.regulation_id} {self.number}"

    @property
    def procedural(self) -> bool:
        """A rule of procedure for the authority, not a duty of the employer."""
        if self.regulation_id in PROCEDURAL_REGULATIONS:
            return True
        return any(self.number.startswith(ch)
                   for ch in PROCEDURAL_CHAPTERS.get(self.regulation_id, ()))


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


_NOTE = re.compile(r"\([^()]*\)")
_TOKEN = re.compile(r"(?P<reg>AFS \d{4}:\d+|AML)\b|(?P<kap>\d+) kap\.|(?P<par>\d+(?: [a-z])?) §")


def split_successors(text: str | None) -> tuple[str, ...]:
    """The individual paragraphs a catalogue successor note names, each citable on its own.

    "AFS 2023:1 7 § (policy) och 8 § (rutiner)" → ("AFS 2023:1 7 §", "AFS 2023:1 8 §");
    "AFS 2023:1 11 § och 13 § samt AFS 2023:2 5 kap. 3 §" names three; a paragraph after a
    chapter stays in that chapter ("5 kap. 3 § och 4 §" → 5 kap. 4 §). Parenthesised notes,
    stycke/punkt details and an assessment after a dash are not part of the citation. A note
    that does not begin with a regulation ("okänd", "ingen direkt motsvarighet …") names none:
    a "jfr" inside it is a hint for a person, not a successor.
    """
    if not text:
        return ()
    text = normalise(text)
    if not text.startswith(("AFS ", "AML ")):
        return ()
    text = _NOTE.sub(" ", text).split(" – ")[0].split(";")[0]
    found: list[str] = []
    regulation: str | None = None
    chapter: str | None = None
    for m in _TOKEN.finditer(text):
        if m.group("reg"):
            regulation, chapter = m.group("reg"), None
        elif m.group("kap"):
            chapter = m.group("kap")
        elif regulation:
            number = f"{chapter} kap. {m.group('par')} §" if chapter else f"{m.group('par')} §"
            citation = f"{regulation} {number}"
            if citation not in found:
                found.append(citation)
    return tuple(found)


@dataclass(frozen=True)
class NoRuleInForce:
    """A krav citation whose rule is not in force on the letter's date and has no successor."""

    krav_number: int
    citation: str


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
        """What a user may choose as a krav's grounds on a given day.

        Never a repealed paragraph, and never a procedural law (förvaltningslagen, lagen om
        viten, AML 9 kap.): those are the authority's own rules, not the employer's duties.
        """
        return [p for r in self.regulations if r.in_force_on(day)
                for p in r.paragraphs if not p.repealed and not p.procedural]

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
            if para.procedural:
                raise InvalidInput(
                    f"{para.citation} är en regel om myndighetens handläggning, inte en "
                    "skyldighet för arbetsgivaren; välj en paragraf i arbetsmiljölagen eller "
                    "en föreskrift.", "citations")
            if not self.is_citable_on(para, day):
                raise InvalidInput(
                    f"{para.citation} gäller inte {day.isoformat()}; välj den regel som gäller.",
                    "citations")
            if para.citation not in checked:
                checked.append(para.citation)
        return checked

    def in_force_citations(self, citation: str, day: date) -> tuple[str, ...]:
        """The citations a letter dated `day` carries in place of `citation`.

        The paragraph itself while it is in force; after its repeal, its successors (each
        followed on, as AFS 2009:2 → AFS 2020:1 → AFS 2023:12); empty when none is in force,
        so that the letter is refused rather than printing a repealed rule. A citation that
        is not in the catalogue at all is kept as written.
        """
        para = self.find(citation)
        if para is None:
            return (normalise(citation),)
        return self._follow(para, day, 0)

    def _follow(self, para: Paragraph, day: date, depth: int) -> tuple[str, ...]:
        if self.is_citable_on(para, day):
            return (para.citation,)
        found: list[str] = []
        if depth < 5:
            for successor in para.successors:
                nxt = self.find(successor)
                for citation in self._follow(nxt, day, depth + 1) if nxt else ():
                    if citation not in found:
                        found.append(citation)
        return tuple(found)

    def in_force_citation(self, citation: str, day: date) -> str:
        """The first citation in force for `citation` (the citation itself if none is)."""
        found = self.in_force_citations(citation, day)
        return found[0] if found else normalise(citation)

    def krav_citations_on(self, krav: list[tuple[int, list[str]]], day: date
                          ) -> tuple[dict[int, tuple[str, ...]], list[NoRuleInForce]]:
        """Each krav's citations as in force on `day`, and every citation left without one."""
        mapped: dict[int, tuple[str, ...]] = {}
        missing: list[NoRuleInForce] = []
        for number, citations in krav:
            out: list[str] = []
            for citation in citations:
                found = self.in_force_citations(citation, day)
                if not found:
                    missing.append(NoRuleInForce(number, normalise(citation)))
                out.extend(c for c in found if c not in out)
            mapped[number] = tuple(out)
        return mapped, missing

    def unverified(self, citations: list[str]) -> list[Paragraph]:
        """The catalogue paragraphs among `citations` not yet checked against their text."""
        paras = [self.find(c) for c in citations]
        return [p for p in paras if p is not None and not p.verified]

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


def refuse_rules_not_in_force(catalogue: Catalogue, missing: list[NoRuleInForce],
                              day: date) -> None:
    """Refuse a letter that would have to print a rule no longer in force (409)."""
    if not missing:
        return
    parts = [f"krav {m.krav_number} hänvisar till {catalogue.letter_form(m.citation)}"
             for m in missing]
    raise StepRefused(
        f"Brevet kan inte skrivas: {'; '.join(parts)}, som inte gäller "
        f"{day.isoformat()} och saknar efterföljare i regelkatalogen. Välj i kravet den "
        "regel som gäller i dag och skriv sedan brevet.")


def require_verified_for_decision(catalogue: Catalogue, krav: list[tuple[int, list[str]]],
                                  day: date) -> None:
    """A decision cites only paragraphs a jurist (or the catalogue) has verified.

    The citations checked are those the letter prints on `day`, after mapping repealed rules
    to their successors; a rule with no successor is refused first.
    """
    mapped, missing = catalogue.krav_citations_on(krav, day)
    refuse_rules_not_in_force(catalogue, missing, day)
    unchecked = [(number, para) for number, citations in sorted(mapped.items())
                 for para in catalogue.unverified(list(citations))]
    if unchecked:
        parts = [f"krav {number}: {catalogue.letter_form(para.citation)}"
                 for number, para in unchecked]
        raise StepRefused(
            f"Beslutet hänvisar till paragrafer som inte är verifierade mot sin källtext "
            f"({'; '.join(parts)}). En jurist ska verifiera dem i regelkatalogen innan "
            "beslutet fattas.")

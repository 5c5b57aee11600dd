"""The read-only view of a case that a letter is made from.

Services build a `LetterView` from the database; this package never reads the database
itself. Keeping the view a frozen, plain value means the same view always gives the same
letter, which is what lets stored letters be verified by their hash.
"""

from dataclasses import dataclass
from datetime import date

from inspektion.domain.letters import LetterKind

__all__ = ["LetterKind"]  # the documents package names its letters by the domain's kinds


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""  # e.g. "Arbetsmiljöinspektör", "Jurist"
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class MeetingLine:
    # "formote" | "gruppsamtal" | "aterkoppling" | "aterkopplande_mote" | "uppfoljning" | "besok"
    kind: str
    date: date
    arbetsomrade: str | None = None  # only for gruppsamtal, e.g. "Barn och unga"
    participant_roles: tuple[str, ...] = ()  # roles only, never names of socialsekreterare


@dataclass(frozen=True)
class KravLine:
    number: int
    text: str
    citations: tuple[str, ...]  # already formatted for the letter, e.g. "AFS 2015:4 9 §"
    brist: str = ""  # the deficiency observed (may be empty)
    deadline: date | None = None
    # underrattelse/forelaggande: the åtgärd's own deadline in words ("15 mars 2027", or
    # "inom 45 dagar från den dag då ni har delgetts beslutet") and its own vite
    deadline_text: str = ""
    vite_sek: int | None = None


@dataclass(frozen=True)
class HandlingFact:
    """An incoming handling the reasons cite: the employer's svar or yttrande."""

    kind: str  # "svar" | "yttrande"
    received: date
    number: str = ""
    sender: str = ""
    gist: str = ""  # what it says, in a sentence or two (the registered description)


@dataclass(frozen=True)
class AssessmentLine:
    """The inspector's assessment of one krav, with the reasoning when it was not met."""

    krav_number: int
    on: date
    outcome: str  # "uppfyllt" | "delvis" | "ej_uppfyllt" | "komplettering"
    motivering: str = ""
    source: str = "svar"  # "svar" | "uppfoljning"


@dataclass(frozen=True)
class CaseRecord:
    """The facts of the case a decision's reasons are composed from (förvaltningslagen 32 §)."""

    meddelande_date: date | None = None
    meddelande_svar_senast: date | None = None
    svar: tuple[HandlingFact, ...] = ()
    assessments: tuple[AssessmentLine, ...] = ()
    underrattelse_date: date | None = None
    underrattelse_svar_senast: date | None = None
    yttranden: tuple[HandlingFact, ...] = ()


@dataclass(frozen=True)
class UnmetLine:
    """An ordered åtgärd shown still undone after its deadline."""

    number: int
    text: str
    deadline: date
    shown_by: str  # e.g. "uppföljningsbesök 2027-03-10"


@dataclass(frozen=True)
class AnsokanView:
    """What an ansökan om utdömande av vite needs beyond the case."""

    court: str  # "Förvaltningsrätten i Stockholm"
    court_basis: str  # why this court (the rule, with its source)
    forelaggande_number: str
    forelaggande_date: date
    served_on: date
    served_how: str
    vite_total: int
    unmet: tuple[UnmetLine, ...]
    amount_sek: int
    motivering: str
    motpart_address: str = ""  # where the föreläggande was sent and served


@dataclass(frozen=True)
class LegalRef:
    citation: str  # e.g. "7 kap. 7 § arbetsmiljölagen (1977:1160)"
    text: str  # short Swedish explanation of what it gives


@dataclass(frozen=True)
class LetterView:
    kind: LetterKind
    diarienummer: str  # "2026/000123"
    document_number: str  # "2026/000123-3"
    letter_date: date
    employer: str  # the legal person's registered name, e.g. "Upplands Väsby kommun"
    employer_org_nr: str | None  # its organisationsnummer, "212000-0019"
    # Who the letter goes to: the employer's registered name (then the address block adds its
    # organisationsnummer, the nämnd and the workplace), or another body such as a court.
    addressee: str
    addressee_address: str | None
    workplace: str  # e.g. "Socialkontoret, Centralvägen 1"
    kommun: str
    lan: str
    inspectors: tuple[Person, ...]
    contact: Person  # who the employer contacts
    meetings: tuple[MeetingLine, ...] = ()
    # inspektionsmeddelande: the krav; tillsynsmeddelande: the topics to account for;
    # underrattelse/forelaggande: the measures
    krav: tuple[KravLine, ...] = ()
    svar_senast: date | None = None  # answer / comment / account by this date
    vite_sek: int | None = None  # intended (underrattelse) or decided (forelaggande) vite
    deadline: date | None = None  # forelaggande: measures must be done by
    decided_by: Person | None = None  # forelaggande: who decided (jurist/chef)
    presented_by: Person | None = None  # forelaggande: föredragande
    # forelaggande/underrattelse: e.g. AML 7 kap. 7 §, appeal 9 kap. 2 §
    legal_basis: tuple[LegalRef, ...] = ()
    # the skyddsombud who gets a copy (AML 7 kap. 14 §), "Jonas Ek, huvudskyddsombud";
    # None: the copy goes to "skyddsombudet vid arbetsstället"
    safety_representative: str | None = None
    draft: bool = False  # preview: "UTKAST" on every page
    # underrattelse/forelaggande (issue 12): how the vite is set and why, immediate effect,
    # and the record the reasons are composed from
    vite_mode: str = "inget"  # "inget" | "gemensamt" | "per_atgard"
    vite_reason: str = ""
    immediate: bool = False
    record: CaseRecord | None = None
    ansokan: AnsokanView | None = None

    # The nämnd or förvaltning the letter goes to, inside the legal person (empty: none named).
    namnd: str = ""

    @property
    def employer_legal_name(self) -> str:
        """The employer as the legal person a decision binds: its registered name."""
        return self.employer

    @property
    def employer_orgnr(self) -> str:
        """The legal person's organisationsnummer (NNNNNN-NNNN), "" where none is known."""
        return self.employer_org_nr or ""

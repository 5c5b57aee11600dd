"""The read-only view of a case that a letter is made from.

Services build a `LetterView` from the database; this package never reads the database
itself. Keeping the view a frozen, plain value means the same view always gives the same
letter, which is what lets stored letters be verified by their hash.
"""

from dataclasses import dataclass
from datetime import date
from typing import Literal

LetterKind = Literal["inspektionsmeddelande", "tillsynsmeddelande", "underrattelse", "forelaggande"]


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

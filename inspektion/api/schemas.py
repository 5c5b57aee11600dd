"""Request and response bodies; msgspec checks types, so bad bodies answer 400 with the field."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from msgspec import UNSET, Meta, Struct, UnsetType

from inspektion.db.limits import text_meta
from inspektion.db.tables import Campaign, Meeting, User, Workplace

NonEmpty = Annotated[str, Meta(min_length=1, max_length=200)]
Text = Annotated[str, Meta(max_length=8000)]
Version = Annotated[int, Meta(ge=1, description="Ärendets version, för optimistisk låsning")]


class Login(Struct):
    username: Annotated[str, Meta(min_length=1, max_length=60, examples=["inspektor"])]
    password: Annotated[str, Meta(min_length=1, max_length=200)]


class LoginOut(Struct):
    token: str
    role: str
    region: str | None
    username: str
    display_name: str


class Participant(Struct):
    role: NonEmpty
    name: Annotated[str, Meta(max_length=120)] = ""


class Arbetsstalle(Struct):
    name: Annotated[str, text_meta(Workplace.name, min_length=1)]
    address: Annotated[str, text_meta(Workplace.address)] = ""
    # The employer as a legal person: empty for the municipality (its registered name from
    # reference data); required where that name is unknown, or for another employer with org_nr.
    employer: Annotated[str, text_meta(Workplace.employer)] = ""
    org_nr: Annotated[str, text_meta(Workplace.org_nr)] = ""
    namnd: Annotated[str, text_meta(Workplace.namnd)] = ""  # default "Socialnämnden"


class KravCitationsIn(Struct):
    """The rule in force chosen for a krav (catalogue citations, e.g. "AFS 2023:1 11 §")."""

    citations: list[Annotated[str, Meta(max_length=100)]]
    version: Version | None = None


class ArbetsgivareIn(Struct):
    """Correct or complete the employer of an open case (registered name, organisationsnummer)."""

    version: Version | None = None
    employer: Annotated[str, text_meta(Workplace.employer)] = ""
    org_nr: Annotated[str, text_meta(Workplace.org_nr)] = ""
    namnd: Annotated[str, text_meta(Workplace.namnd)] | None = None


class OpenCase(Struct):
    campaign_id: int
    kommunkod: Annotated[str, Meta(pattern=r"^\d{4}$", examples=["1280"])]
    arbetsstalle: Annotated[str, text_meta(Workplace.name, min_length=1)] | Arbetsstalle
    method: Annotated[str, Meta(examples=["fokusinspektion", "tillsynsmeddelande"])]
    inspektor1: str | None = None
    inspektor2: str | None = None


class CaseCreated(Struct):
    id: int
    diarienummer: str
    status: str
    version: int


class MeetingIn(Struct):
    date: date
    participants: list[Participant] = []
    notes: Text = ""
    arbetsomrade: Annotated[str, text_meta(Meeting.arbetsomrade)] | None = None
    version: Version | None = None


class GruppsamtalIn(Struct):
    date: date
    arbetsomrade: Annotated[str, text_meta(Meeting.arbetsomrade, min_length=1)]
    responses: list[dict[str, int]]
    client_key: Annotated[str, Meta(min_length=8, max_length=64)] | None = None
    version: Version | None = None


class KravIn(Struct):
    citations: list[Annotated[str, Meta(max_length=100)]] = []
    text: Text | None = None
    template_id: str | None = None
    effektmal: int | None = None
    brist: Text | None = None
    version: Version | None = None


class LetterIn(Struct):
    svar_senast: date
    version: Version | None = None
    topics: list[str] | None = None


class Assessment(Struct):
    krav_id: int
    outcome: Annotated[str, Meta(examples=["uppfyllt", "delvis", "ej_uppfyllt",
                                           "komplettering"])]
    motivering: Annotated[str, Meta(max_length=4000, description=(
        "Varför kravet bedöms så; krävs för ej_uppfyllt och delvis"))] = ""


class SvarIn(Struct):
    assessments: list[Assessment]
    received: date | None = None
    handling_id: Annotated[int, Meta(description=(
        "Den registrerade inkomna handlingen (svaret) som bedöms"))] | None = None
    komplettering_senast: date | None = None
    version: Version | None = None


class UppfoljningIn(MeetingIn):
    assessments: list[Assessment] = []


class RedovisningIn(Struct):
    received: date | None = None
    notes: Text = ""
    handling_id: int | None = None
    version: Version | None = None


class KompletteringIn(Struct):
    svar_senast: date
    notes: Text
    version: Version | None = None


LagaKraft = date


class AtgardIn(Struct):
    """One åtgärd where it differs from the decision's default deadline, or its own vite."""

    krav_id: int
    deadline: date | None = None
    deadline_days: Annotated[int, Meta(ge=1, le=730)] | None = None
    vite_sek: Annotated[int, Meta(ge=1)] | None = None


ViteMode = Annotated[str, Meta(examples=["inget", "gemensamt", "per_atgard"])]


class UnderrattelseIn(Struct):
    krav_ids: list[int]
    svar_senast: date
    vite_sek: int | None = None
    deadline: date | None = None
    deadline_days: Annotated[int, Meta(ge=1, le=730)] | None = None
    vite_mode: ViteMode | None = None
    vite_reason: Text = ""
    atgarder: list[AtgardIn] = []
    immediate: bool = False   # the decision is intended to apply at once (9 kap. 5 § AML)
    version: Version | None = None


class ForelaggandeIn(Struct):
    krav_ids: list[int]
    deadline: date | None = None
    vite_sek: int | None = None
    deadline_days: Annotated[int, Meta(ge=1, le=730)] | None = None
    vite_mode: ViteMode | None = None
    vite_reason: Text = ""
    atgarder: list[AtgardIn] = []
    immediate: bool = False
    version: Version | None = None


class DomIn(Struct):
    date: date
    outcome: Annotated[str, Meta(examples=["bifall", "delvis_bifall", "avslag"])]
    amount_sek: int
    laga_kraft: LagaKraft | None = None
    version: Version | None = None


class DelgivningIn(Struct):
    document_id: int
    date: date
    method: Annotated[str, Meta(examples=["vanlig", "forenklad", "sarskild", "stamningsman"])]
    version: Version | None = None


class UtdomandeIn(Struct):
    motivering: Text = ""
    krav_ids: list[int] = []
    amount_sek: int | None = None
    version: Version | None = None


class VersionOnly(Struct):
    version: Version | None = None


class ProposalIn(Struct):
    text: Annotated[str, Meta(max_length=2000, examples=[
        "Krav 2 är fortfarande inte uppfyllt; föreslår underrättelse med vite 50 000 kr."])]
    version: Version | None = None


class AssignIn(Struct):
    inspektor1: NonEmpty
    inspektor2: str | None = None
    version: Version | None = None


class CampaignIn(Struct):
    name: Annotated[str, text_meta(Campaign.name, min_length=1)]
    start: date
    end: date
    target_share: Annotated[float, Meta(gt=0, le=1)]
    region_targets: dict[str, int] | None = None


class UserIn(Struct):
    username: Annotated[str, text_meta(User.username, min_length=1)]
    password: Annotated[str, Meta(min_length=4, max_length=200)]
    role: str
    region: str | None = None
    display_name: Annotated[str, text_meta(User.display_name)] = ""
    title: Annotated[str, text_meta(User.title)] = ""
    email: Annotated[str, text_meta(User.email)] = ""
    phone: Annotated[str, text_meta(User.phone)] = ""


class VerifyIn(Struct):
    citation: NonEmpty
    source: Annotated[str, Meta(min_length=3, max_length=1000)]


class StepResult(Struct):
    version: int
    status: str | None = None
    id: int | None = None
    document: dict[str, Any] | None = None
    details: dict[str, Any] | None = None


class KravPatchIn(Struct):
    """A correction of a krav before the letter is sent; fields left out stay as they are."""

    version: Version | None = None
    text: Text | UnsetType = UNSET
    brist: Text | UnsetType = UNSET
    citations: list[Annotated[str, Meta(max_length=100)]] | UnsetType = UNSET
    effektmal: int | UnsetType | None = UNSET


class MeetingPatchIn(Struct):
    """A correction of a meeting before the letter that quotes it is sent."""

    version: Version | None = None
    date: date | UnsetType = UNSET
    participants: list[Participant] | UnsetType = UNSET
    notes: Text | UnsetType = UNSET
    arbetsomrade: Annotated[str, text_meta(Meeting.arbetsomrade)] | UnsetType | None = UNSET


class Corrected(Struct):
    id: int
    version: int
    before: dict[str, Any]
    after: dict[str, Any]

"""Response bodies, so the OpenAPI schema says exactly what comes back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from msgspec import Struct


class KommunOut(Struct):
    kommunkod: str
    namn: str
    lan: str
    lan_kod: str
    region: str
    juridiskt_namn: str = ""  # registered name; "" where no register gives it
    organisationsnummer: str = ""


class ParagraphOut(Struct):
    number: str
    topic: str
    verified: bool
    citation: str
    citable: bool
    repealed: bool
    source: str | None = None
    successor: str | None = None  # the successors joined by "; " (kept for older clients)
    successors: list[str] = []
    procedural: bool = False  # a rule of the authority's procedure, never a krav's grounds


class RegulationOut(Struct):
    id: str
    title: str
    in_force: bool
    paragraphs: list[ParagraphOut]
    in_force_from: date | None = None
    in_force_to: date | None = None


class KravTemplateOut(Struct):
    id: str
    title: str
    text: str
    brist: str
    citations: list[str]
    citations_2015: list[str]
    effektmal: int | None


class QuestionOut(Struct):
    id: int
    area_id: str
    area: str
    text: str
    scale_min: int
    scale_max: int
    reverse: bool


class CaseSummary(Struct):
    id: int
    diarienummer: str
    status: str
    status_label: str
    method: str
    version: int
    campaign_id: int
    kommunkod: str
    kommun: str
    region: str
    arbetsstalle: str
    opened_on: date
    last_activity_on: date
    closed_on: date | None = None
    svar_senast: date | None = None
    inspektor1: str | None = None
    inspektor2: str | None = None
    inspector_proposal: str = ""
    inspektor1_namn: str | None = None
    inspektor2_namn: str | None = None


class CaseList(Struct):
    items: list[CaseSummary]
    next_cursor: int | str | None


class MeetingOut(Struct):
    id: int
    kind: str
    date: date
    participants: list[dict[str, str]]
    notes: str
    arbetsomrade: str | None = None


class GruppsamtalOut(Struct):
    id: int
    date: date
    arbetsomrade: str
    respondents: int
    summary: dict[str, Any] | None
    reason: str | None


class KravOut(Struct):
    id: int
    number: int
    text: str
    brist: str
    citations: list[str]
    state: str
    state_label: str
    effektmal: int | None = None
    template_slug: str | None = None
    deadline: date | None = None
    assessed_on: date | None = None


class AssessmentOut(Struct):
    """One assessment of one krav: from an answer (source svar) or a follow-up visit."""

    id: int
    krav_id: int
    assessed_on: date   # when the inspector wrote it (before `date`, which shadows the type)
    date: date          # of what was assessed: the answer's or the visit's day
    outcome: str
    outcome_label: str
    motivering: str
    source: str
    handling_id: int | None = None
    meeting_id: int | None = None


class DocumentOut(Struct):
    id: int
    kind: str
    number: str
    created_on: date
    pdf_sha256: str
    docx_sha256: str
    payload: dict[str, Any]
    sent_on: date | None = None
    served_on: date | None = None
    served_how: str | None = None


class DecisionOut(Struct):
    id: int
    kind: str
    krav_ids: list[int]
    decided_on: date
    vite_sek: int | None = None
    svar_senast: date | None = None
    deadline: date | None = None
    document: int | None = None
    decided_by: str | None = None
    # issue 12: the announced / ordered terms (åtgärder with deadlines, vite form and reason),
    # immediate effect, and for a dom its outcome and laga kraft
    terms: dict[str, Any] | None = None
    immediate: bool | None = None
    outcome: str | None = None
    laga_kraft: date | None = None
    motivering: str | None = None


class NextStep(Struct):
    step: str
    label: str
    allowed: bool
    reason: str | None


class CaseDetail(CaseSummary):
    employer: str = ""  # the legal person's registered name ("" = still to be given)
    org_nr: str = ""
    namnd: str = ""
    kommun_juridiskt_namn: str = ""  # the reference data's registered name ("" = unknown)
    address: str = ""
    campaign: str = ""
    lan: str = ""
    meetings: list[MeetingOut] = []
    gruppsamtal: list[GruppsamtalOut] = []
    krav: list[KravOut] = []
    assessments: list[AssessmentOut] = []
    documents: list[DocumentOut] = []
    decisions: list[DecisionOut] = []
    next_steps: list[NextStep] = []


class AuditOut(Struct):
    id: int
    at: datetime
    user: str
    action: str
    details: dict[str, Any]

"""The case endpoints of CONTRACT.md: each parses, calls one service function, shapes."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, TypeVar

import msgspec
from litestar import Controller, Request, delete, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody

from inspektion.api.auth import provide_actor, version_of
from inspektion.api.schemas import (
    ArbetsgivareIn,
    Assessment,
    AssignIn,
    CaseCreated,
    Corrected,
    DelgivningIn,
    DomIn,
    ForelaggandeIn,
    GruppsamtalIn,
    KompletteringIn,
    KravCitationsIn,
    KravIn,
    KravPatchIn,
    LetterIn,
    MeetingIn,
    MeetingPatchIn,
    OpenCase,
    ProposalIn,
    RedovisningIn,
    StepResult,
    SvarIn,
    UnderrattelseIn,
    UppfoljningIn,
    UtdomandeIn,
    VersionOnly,
)
from inspektion.api.schemas_out import AuditOut, CaseDetail, CaseList
from inspektion.domain.access import Actor
from inspektion.domain.lifecycle import Step
from inspektion.services import (
    audit,
    cases,
    corrections,
    escalation,
    krav,
    letters,
    meetings,
    tvasteg,
)
from inspektion.services.assessments import AssessmentIn

Req = Request[Any, Any, Any]


def _decision(data: UnderrattelseIn | ForelaggandeIn) -> escalation.DecisionIn:
    return escalation.DecisionIn(
        krav_ids=data.krav_ids, deadline=data.deadline, deadline_days=data.deadline_days,
        vite_sek=data.vite_sek, vite_mode=data.vite_mode, vite_reason=data.vite_reason,
        atgarder=tuple(escalation.AtgardIn(a.krav_id, a.deadline, a.deadline_days, a.vite_sek)
                       for a in data.atgarder),
        immediate=data.immediate)

T = TypeVar("T")


def _set(value: T | msgspec.UnsetType) -> T | corrections.Unset:
    """A field the request left out stays as it is (the service's UNSET)."""
    return corrections.UNSET if isinstance(value, msgspec.UnsetType) else value


def _corrected(out: corrections.Corrected) -> Corrected:
    return Corrected(id=out.id, version=out.version, before=dict(out.before),
                     after=dict(out.after))


def _decided(out: escalation.DecisionMade) -> StepResult:
    return StepResult(version=out.version, status=out.status, document=asdict(out.document),
                      details={"decision_id": out.decision_id})


def _participants(data: MeetingIn) -> tuple[meetings.Participant, ...]:
    return tuple(meetings.Participant(p.role, p.name) for p in data.participants)


def _meeting(out: meetings.MeetingRecorded) -> StepResult:
    details: dict[str, object] = {"kind": out.kind}
    if out.assessments:
        details["assessments"] = out.assessments
    return StepResult(version=out.version, status=out.status, id=out.id, details=details)


def gruppsamtal_command(case_id: int, data: GruppsamtalIn, request: Req
                        ) -> meetings.RecordGruppsamtal:
    """The first and the follow-up gruppsamtal take the same body."""
    return meetings.RecordGruppsamtal(case_id, version_of(data.version, request), data.date,
                                      data.arbetsomrade, tuple(data.responses), data.client_key)


def _changed(out: cases.CaseChanged) -> StepResult:
    return StepResult(version=out.version, status=out.status, id=out.id)


def _assessments(items: list[Assessment]) -> list[AssessmentIn]:
    return [AssessmentIn(a.krav_id, a.outcome, a.motivering) for a in items]


class CaseController(Controller):
    path = "/api/cases"
    tags = ["ärenden"]
    dependencies = {"actor": Provide(provide_actor)}

    @post("/", status_code=201, summary="Öppna ett ärende (diarienummer tilldelas)")
    async def open(self, data: JSONBody[OpenCase], actor: NamedDependency[Actor]) -> CaseCreated:
        given = data.arbetsstalle
        place = (cases.Arbetsstalle(given) if isinstance(given, str) else
                 cases.Arbetsstalle(given.name, given.address, given.employer, given.org_nr,
                                    given.namnd))
        out = await cases.open_case(actor, cases.OpenCase(
            data.campaign_id, data.kommunkod, place, data.method, data.inspektor1,
            data.inspektor2))
        return CaseCreated(id=out.id, diarienummer=out.diarienummer, status=out.status,
                           version=out.version)

    @get("/", summary="Ärendelista, filtrerad och sidindelad (nyckelbaserat)")
    async def list_all(self, actor: NamedDependency[Actor], status: FromQuery[str | None] = None,
                   region: FromQuery[str | None] = None, kommunkod: FromQuery[str | None] = None,
                   campaign_id: FromQuery[int | None] = None,
                   inspektor: FromQuery[str | None] = None, cursor: FromQuery[str | None] = None,
                   limit: FromQuery[int] = 50, q: FromQuery[str | None] = None,
                   forsenade: FromQuery[bool] = False,
                   sort: FromQuery[str | None] = None) -> CaseList:
        """`q`: a diarienummer finds that case; other words (all must match, each as the
        start of a word) search kommun, arbetsgivare, arbetsställe, inspektör and kravtext.
        `forsenade`: only cases whose answer is overdue. `sort`: nyast (default), aldst,
        svar_senast. `cursor`: the `next_cursor` of the page before."""
        return msgspec.convert(await cases.list_cases(
            actor, status, region, kommunkod, campaign_id, inspektor, cursor, limit,
            q=q, overdue=forsenade, sort=sort), CaseList)

    @get("/{case_id:int}", summary="Ett ärende med möten, krav, dokument och nästa steg")
    async def detail(self, case_id: FromPath[int], actor: NamedDependency[Actor]
                     ) -> CaseDetail:
        return msgspec.convert(await cases.case_detail(actor, case_id), CaseDetail)

    @put("/{case_id:int}/arbetsgivare",
         summary="Ange eller rätta arbetsgivaren (registrerat namn, organisationsnummer)")
    async def set_employer(self, case_id: FromPath[int], data: JSONBody[ArbetsgivareIn],
                           actor: NamedDependency[Actor], request: Req) -> cases.EmployerSet:
        return await cases.set_employer(actor, cases.SetEmployer(
            case_id, version_of(data.version, request), data.employer, data.org_nr, data.namnd))

    @put("/{case_id:int}/krav/{krav_id:int}/hanvisningar",
         summary="Välj den regel som gäller för ett krav (hänvisningar ur regelkatalogen)")
    async def krav_citations(self, case_id: FromPath[int], krav_id: FromPath[int],
                             data: JSONBody[KravCitationsIn], actor: NamedDependency[Actor],
                             request: Req) -> krav.KravWritten:
        return await krav.change_citations(actor, krav.ChangeCitations(
            case_id, version_of(data.version, request), krav_id, tuple(data.citations)))

    @get("/{case_id:int}/audit", summary="Ärendets granskningslogg (kan inte ändras)")
    async def audit_trail(self, case_id: FromPath[int], actor: NamedDependency[Actor]
                          ) -> list[AuditOut]:
        await cases.case_detail(actor, case_id)  # same visibility as the case itself
        return [AuditOut(id=e.id, at=e.at, user=e.user, action=e.action, details=e.details)
                for e in await audit.trail(case_id)]

    async def _meeting(self, step: Step, case_id: int, data: MeetingIn, actor: Actor,
                       request: Req) -> StepResult:
        return _meeting(await meetings.record_meeting(actor, meetings.RecordMeeting(
            case_id, step, version_of(data.version, request), data.date,
            _participants(data), data.notes, data.arbetsomrade)))

    @post("/{case_id:int}/formote", status_code=201, summary="Registrera förmöte")
    async def formote(self, case_id: FromPath[int], data: JSONBody[MeetingIn],
                      actor: NamedDependency[Actor], request: Req) -> StepResult:
        return await self._meeting(Step.FORMOTE, case_id, data, actor, request)

    @post("/{case_id:int}/aterkoppling", status_code=201, summary="Registrera återkoppling")
    async def aterkoppling(self, case_id: FromPath[int], data: JSONBody[MeetingIn],
                           actor: NamedDependency[Actor], request: Req) -> StepResult:
        return await self._meeting(Step.ATERKOPPLING, case_id, data, actor, request)

    @post("/{case_id:int}/aterkopplande-mote", status_code=201,
          summary="Registrera återkopplande möte på ledningsnivå")
    async def aterkopplande_mote(self, case_id: FromPath[int], data: JSONBody[MeetingIn],
                                 actor: NamedDependency[Actor], request: Req) -> StepResult:
        return await self._meeting(Step.ATERKOPPLANDE_MOTE, case_id, data, actor, request)

    @post("/{case_id:int}/uppfoljning", status_code=201, summary="Registrera uppföljningsbesök")
    async def uppfoljning(self, case_id: FromPath[int], data: JSONBody[UppfoljningIn],
                          actor: NamedDependency[Actor], request: Req) -> StepResult:
        return _meeting(await meetings.record_meeting(actor, meetings.RecordMeeting(
            case_id, Step.UPPFOLJNING, version_of(data.version, request), data.date,
            _participants(data), data.notes, data.arbetsomrade,
            tuple(_assessments(data.assessments)))))

    @post("/{case_id:int}/gruppsamtal", status_code=201,
          summary="Registrera gruppsamtal; svaret är sammanställningen, aldrig enskilda svar")
    async def gruppsamtal(self, case_id: FromPath[int], data: JSONBody[GruppsamtalIn],
                          actor: NamedDependency[Actor], request: Req
                          ) -> meetings.GruppsamtalRecorded:
        return await meetings.record_gruppsamtal(actor, gruppsamtal_command(case_id, data,
                                                                            request))

    @post("/{case_id:int}/krav", status_code=201, summary="Skriv ett krav")
    async def add_krav(self, case_id: FromPath[int], data: JSONBody[KravIn],
                       actor: NamedDependency[Actor], request: Req) -> StepResult:
        out = await krav.add_krav(actor, krav.AddKrav(
            case_id, version_of(data.version, request), data.text, data.template_id,
            tuple(data.citations), data.effektmal, data.brist))
        return StepResult(version=out.version, id=out.id,
                          details={"number": out.number, "citations": out.citations})

    @post("/{case_id:int}/inspektionsmeddelande", status_code=201,
          summary="Skicka inspektionsmeddelandet (brevet skapas och registreras)")
    async def inspektionsmeddelande(self, case_id: FromPath[int], data: JSONBody[LetterIn],
                                    actor: NamedDependency[Actor], request: Req) -> StepResult:
        out = await letters.issue_inspektionsmeddelande(actor, letters.IssueInspektionsmeddelande(
            case_id, version_of(data.version, request), data.svar_senast))
        return StepResult(version=out.version, status=out.status, document=asdict(out.document),
                          details={"svar_senast": out.svar_senast})

    @post("/{case_id:int}/svar", status_code=201,
          summary="Registrera arbetsgivarens svar och bedöm varje krav")
    async def svar(self, case_id: FromPath[int], data: JSONBody[SvarIn],
                   actor: NamedDependency[Actor], request: Req) -> StepResult:
        out = await krav.register_svar(actor, krav.RegisterSvar(
            case_id, version_of(data.version, request), tuple(_assessments(data.assessments)),
            data.received, data.komplettering_senast, data.handling_id))
        return StepResult(version=out.version, status=out.status.value, details={
            "handling_id": out.handling_id, "handling_number": out.handling_number,
            "document_number": out.handling_number, "assessments": out.assessments})

    @post("/{case_id:int}/tillsynsmeddelande", status_code=201,
          summary="Tvåstegsmetoden: skicka tillsynsmeddelande")
    async def tillsynsmeddelande(self, case_id: FromPath[int], data: JSONBody[LetterIn],
                                 actor: NamedDependency[Actor], request: Req) -> StepResult:
        out = await tvasteg.send_tillsynsmeddelande(actor, tvasteg.SendTillsynsmeddelande(
            case_id, version_of(data.version, request), data.svar_senast,
            tuple(data.topics or ())))
        return StepResult(version=out.version, status=out.status, document=asdict(out.document))

    @post("/{case_id:int}/redovisning", status_code=201,
          summary="Tvåstegsmetoden: registrera arbetsgivarens redovisning")
    async def redovisning(self, case_id: FromPath[int], data: JSONBody[RedovisningIn],
                          actor: NamedDependency[Actor], request: Req) -> StepResult:
        out = await tvasteg.register_redovisning(actor, tvasteg.RegisterRedovisning(
            case_id, version_of(data.version, request), data.received, data.notes,
            data.handling_id))
        return StepResult(version=out.version, status=out.status, details={
            "handling_id": out.handling_id, "document_number": out.document_number})

    @post("/{case_id:int}/komplettering", status_code=201,
          summary="Tvåstegsmetoden: begär komplettering av redovisningen")
    async def komplettering(self, case_id: FromPath[int], data: JSONBody[KompletteringIn],
                            actor: NamedDependency[Actor], request: Req) -> StepResult:
        out = await tvasteg.request_komplettering(actor, tvasteg.RequestKomplettering(
            case_id, version_of(data.version, request), data.svar_senast, data.notes))
        return StepResult(version=out.version, status=out.status,
                          details={"document_number": out.document_number})

    @post("/{case_id:int}/underrattelse", status_code=201,
          summary="Skicka underrättelse om föreläggande")
    async def underrattelse(self, case_id: FromPath[int], data: JSONBody[UnderrattelseIn],
                            actor: NamedDependency[Actor], request: Req) -> StepResult:
        return _decided(await escalation.send_underrattelse(actor, escalation.SendUnderrattelse(
            case_id, version_of(data.version, request), data.svar_senast, _decision(data))))

    @post("/{case_id:int}/forelaggande", status_code=201,
          summary="Besluta föreläggande (med eller utan vite); endast jurist")
    async def forelaggande(self, case_id: FromPath[int], data: JSONBody[ForelaggandeIn],
                           actor: NamedDependency[Actor], request: Req) -> StepResult:
        return _decided(await escalation.decide_forelaggande(actor, escalation.DecideForelaggande(
            case_id, version_of(data.version, request), _decision(data))))

    @post("/{case_id:int}/delgivning", status_code=201, summary="Registrera delgivning")
    async def delgivning(self, case_id: FromPath[int], data: JSONBody[DelgivningIn],
                         actor: NamedDependency[Actor], request: Req) -> StepResult:
        out = await escalation.record_delgivning(actor, escalation.RecordDelgivning(
            case_id, version_of(data.version, request), data.document_id, data.date,
            data.method))
        return StepResult(version=out.version, details={
            "document_id": out.document_id, "served_on": out.served_on, "method": out.method})

    @post("/{case_id:int}/utdomande", status_code=201,
          summary="Ansök om utdömande av vite; endast jurist")
    async def utdomande(self, case_id: FromPath[int], data: JSONBody[UtdomandeIn],
                        actor: NamedDependency[Actor], request: Req) -> StepResult:
        return _decided(await escalation.apply_utdomande(actor, escalation.ApplyUtdomande(
            case_id, version_of(data.version, request), tuple(data.krav_ids), data.amount_sek,
            data.motivering)))

    @post("/{case_id:int}/dom", status_code=201,
          summary="Registrera förvaltningsrättens dom i vitesmålet; endast jurist")
    async def dom(self, case_id: FromPath[int], data: JSONBody[DomIn],
                  actor: NamedDependency[Actor], request: Req) -> StepResult:
        out = await escalation.record_dom(actor, escalation.RecordDom(
            case_id, version_of(data.version, request), data.date, data.outcome,
            data.amount_sek, data.laga_kraft))
        return StepResult(version=out.version, status=out.status, details={
            "decision_id": out.decision_id, "outcome": out.outcome})

    @post("/{case_id:int}/assign", status_code=200, summary="Samordnare tilldelar inspektörer")
    async def assign(self, case_id: FromPath[int], data: JSONBody[AssignIn],
                     actor: NamedDependency[Actor], request: Req) -> StepResult:
        return _changed(await cases.assign(actor, cases.Assign(
            case_id, version_of(data.version, request), data.inspektor1, data.inspektor2)))

    @post("/{case_id:int}/forslag", status_code=200,
          summary="Inspektören föreslår juristen nästa steg (visas i eskaleringskön)")
    async def forslag(self, case_id: FromPath[int], data: JSONBody[ProposalIn],
                      actor: NamedDependency[Actor], request: Req) -> StepResult:
        return _changed(await cases.propose_to_jurist(actor, cases.ProposeToJurist(
            case_id, version_of(data.version, request), data.text)))

    @post("/{case_id:int}/close", status_code=200, summary="Avsluta ärendet")
    async def close(self, case_id: FromPath[int], data: JSONBody[VersionOnly],
                    actor: NamedDependency[Actor], request: Req) -> StepResult:
        return _changed(await cases.close_case(actor, cases.CloseCase(
            case_id, version_of(data.version, request))))

    @patch("/{case_id:int}/krav/{krav_id:int}", status_code=200,
           summary="Rätta ett krav innan brevet med kravet är skickat")
    async def edit_krav(self, case_id: FromPath[int], krav_id: FromPath[int],
                        data: JSONBody[KravPatchIn], actor: NamedDependency[Actor],
                        request: Req) -> Corrected:
        return _corrected(await corrections.edit_krav(
            actor, case_id, krav_id, version_of(data.version, request), corrections.KravPatch(
                text=_set(data.text), brist=_set(data.brist), citations=_set(data.citations),
                effektmal=_set(data.effektmal))))

    @delete("/{case_id:int}/krav/{krav_id:int}", status_code=200,
            summary="Dra tillbaka ett krav innan brevet med kravet är skickat (If-Match)")
    async def withdraw_krav(self, case_id: FromPath[int], krav_id: FromPath[int],
                            actor: NamedDependency[Actor], request: Req) -> Corrected:
        return _corrected(await corrections.withdraw_krav(
            actor, case_id, krav_id, version_of(None, request)))

    @patch("/{case_id:int}/meetings/{meeting_id:int}", status_code=200,
           summary="Rätta ett möte innan brevet som nämner det är skickat")
    async def edit_meeting(self, case_id: FromPath[int], meeting_id: FromPath[int],
                           data: JSONBody[MeetingPatchIn], actor: NamedDependency[Actor],
                           request: Req) -> Corrected:
        people: tuple[meetings.Participant, ...] | corrections.Unset = corrections.UNSET
        if not isinstance(data.participants, msgspec.UnsetType):
            people = tuple(meetings.Participant(p.role, p.name) for p in data.participants)
        return _corrected(await corrections.edit_meeting(
            actor, case_id, meeting_id, version_of(data.version, request),
            corrections.MeetingPatch(date=_set(data.date), participants=people,
                                     notes=_set(data.notes),
                                     arbetsomrade=_set(data.arbetsomrade))))

    @delete("/{case_id:int}/meetings/{meeting_id:int}", status_code=200,
            summary="Dra tillbaka ett möte innan brevet som nämner det är skickat (If-Match)")
    async def withdraw_meeting(self, case_id: FromPath[int], meeting_id: FromPath[int],
                               actor: NamedDependency[Actor], request: Req) -> Corrected:
        return _corrected(await corrections.withdraw_meeting(
            actor, case_id, meeting_id, version_of(None, request)))

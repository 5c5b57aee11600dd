"""Writing krav and assessing the employer's answer to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspektion import clock
from inspektion.config import load_settings
from inspektion.db import search
from inspektion.db.tables import Campaign, Case, Handling, Krav, Workplace
from inspektion.domain.access import Actor, require_case_access
from inspektion.domain.deadlines import deadline_after, next_working_day
from inspektion.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, StepRefused
from inspektion.domain.handlingar import (
    ASSESSABLE,
    ASSESSED_ANSWER_DESCRIPTION,
    HandlingKind,
)
from inspektion.domain.krav import KravState, Outcome, check_effektmal
from inspektion.domain.lifecycle import CaseStatus, Step
from inspektion.domain.roles import Role
from inspektion.services import audit, reference
from inspektion.services.assessments import (
    AssessmentChange,
    AssessmentIn,
    apply_assessments,
    check_assessments,
)
from inspektion.services.handlingar import answered_letter, store_handling
from inspektion.services.step_frame import (
    MAX_ID,
    STALE,
    StepStart,
    begin,
    commit,
    in_future,
    load_case,
    not_in_future,
    parse_date,
)
from inspektion.services.transactions import write_tx

MAX_TEXT = 4000
KOMPLETTERING_DAYS = 30


@dataclass(frozen=True)
class AddKrav:
    """A krav in free text, or from the library (`template_id`); what is given overrides the
    template's text, citations and effektmål."""

    case_id: int
    version: int | None
    text: str | None = None
    template_id: str | None = None
    citations: tuple[str, ...] = ()
    effektmal: int | None = None
    brist: str | None = None


@dataclass(frozen=True)
class KravWritten:
    """A krav written or its citations changed: the citations as stored (normalised)."""

    id: int
    number: int
    citations: list[str]
    version: int


@dataclass(frozen=True)
class ChangeCitations:
    case_id: int
    version: int | None
    krav_id: int
    citations: tuple[str, ...]


async def add_krav(actor: Actor, cmd: AddKrav) -> KravWritten:
    """A krav in free text or from the library; citations only from the catalogue."""
    case_id, version, text, template_id = cmd.case_id, cmd.version, cmd.text, cmd.template_id
    citations, effektmal, brist = list(cmd.citations), cmd.effektmal, cmd.brist
    template = await reference.template(template_id) if template_id else None
    body = (text or "").strip() or (template["text"] if template else "")
    if not body:
        raise InvalidInput("Skriv kravets text eller välj en mall ur kravbiblioteket.", "text")
    if len(body) > MAX_TEXT:
        raise InvalidInput(f"Kravtexten får vara högst {MAX_TEXT} tecken.", "text")
    chosen = citations if citations else (template["citations"] if template else [])
    goal = effektmal if effektmal is not None else (template["effektmal"] if template else None)
    check_effektmal(goal)
    async with write_tx():
        start = await begin(case_id, actor, Step.KRAV, version)
        most = load_settings().krav_max_per_case
        if await Krav.count().where(Krav.case == case_id) >= most:
            raise StepRefused(f"Ärendet har redan {most} krav, det högsta antalet i ett ärende. "
                              "Samla kraven i färre och tydligare krav.")
        catalogue = await reference.catalogue()
        checked = catalogue.check_citations(list(chosen), start.today)
        last = await Krav.select(Krav.number).where(Krav.case == case_id).order_by(
            Krav.number, ascending=False).first()
        number = (last["number"] if last else 0) + 1
        rows = await Krav.insert(Krav(
            case=case_id, number=number, text=body,
            brist=(brist or (template["brist"] if template else "")).strip(),
            citations=checked, effektmal=goal, template_slug=template_id,
            state=KravState.OPPEN.value)).returning(Krav.id)
        await search.refresh([case_id])
        new_version = await commit(start)
        await audit.record(actor, "krav.add", case_id, {**start.transition(),
            "krav_id": rows[0]["id"], "number": number, "text": body, "citations": checked,
            "effektmal": goal, "template_id": template_id})
    return KravWritten(int(rows[0]["id"]), number, checked, new_version)


@dataclass(frozen=True)
class RegisterSvar:
    """The svar step, typed at the edge that received it (the API's SvarIn, a page's form).

    `received` is needed only without `handling_id` (the answer is then registered as an
    inkommen handling in the same transaction); `komplettering_senast` only matters when an
    assessment asks for a komplettering (default: KOMPLETTERING_DAYS from today)."""

    case_id: int
    version: int | None
    assessments: tuple[AssessmentIn, ...]
    received: date | None = None
    komplettering_senast: date | None = None
    handling_id: int | None = None


@dataclass(frozen=True)
class SvarRegistered:
    version: int
    status: CaseStatus
    handling_id: int
    handling_number: str
    assessments: list[AssessmentChange]  # what changed per krav, as in the audit event


async def register_svar(actor: Actor, cmd: RegisterSvar) -> SvarRegistered:
    """The inspector's assessment of the employer's answer, krav by krav.

    The answer itself is an inkommen handling (services/handlingar.py): registered first, with
    its files, and named here by `handling_id`. An older caller that sends only `received`
    gets the handling registered in the same transaction, so every answer is in the diarium.
    """
    case_id = cmd.case_id
    checked = check_assessments(list(cmd.assessments), required=True)
    async with write_tx():
        start = await begin(case_id, actor, Step.SVAR, cmd.version)
        day, handling_id, number = await _answer_handling(start, actor, cmd.received,
                                                          cmd.handling_id)
        more_by = None
        if any(a.outcome is Outcome.KOMPLETTERING for a in checked):
            more_by = cmd.komplettering_senast or deadline_after(start.today,
                                                                 KOMPLETTERING_DAYS)
            in_future(more_by, start.today, "komplettering_senast")
            more_by = next_working_day(more_by)
        changes = await apply_assessments(start, actor, checked, day, "svar",
                                          handling_id=handling_id, komplettering_by=more_by)
        status = start.new_status
        if status is CaseStatus.MEDDELANDE_SKICKAT:
            status = CaseStatus.UPPFOLJNING
        start = type(start)(start.case, status, start.today)
        still_open = await Krav.select(Krav.deadline).where(
            (Krav.case == case_id) & (Krav.state == KravState.KOMPLETTERING_BEGARD.value))
        next_due = min((r["deadline"] for r in still_open if r["deadline"]), default=None)
        new_version = await commit(start, svar_senast=next_due)
        await audit.record(actor, "case.svar", case_id, {**start.transition(),
            "handling": number, "handling_id": handling_id, "received": day.isoformat(),
            "assessments": changes})
    return SvarRegistered(new_version, status, handling_id, number, changes)


async def _answer_handling(start: StepStart, actor: Actor, received: date | None,
                           handling_id: int | None) -> tuple[date, int, str]:
    """The answer being assessed: the handling named, or one registered now."""
    if handling_id is not None:
        row = await Handling.select(Handling.id, Handling.kind, Handling.number,
                                    Handling.received).where(
            (Handling.id == handling_id) & (Handling.case == start.case_id)).first()
        if row is None:
            raise InvalidInput(f"handling_id: handling {handling_id} hör inte till ärendet.",
                               "handling_id")
        if HandlingKind(row["kind"]) not in ASSESSABLE:
            raise InvalidInput(f"handling_id: {row['number']} är registrerad som "
                               f"{HandlingKind(row['kind']).label.lower()}, inte som svar "
                               "eller komplettering.", "handling_id")
        day = parse_date(row["received"], "received")
        if received is not None and received != day:
            raise InvalidInput(f"received: svaret {row['number']} kom in {day.isoformat()}; "
                               "ange samma datum eller inget.", "received")
        return day, int(row["id"]), str(row["number"])
    if received is None:
        raise InvalidInput("Ange när svaret kom in (received), eller registrera svaret som "
                           "inkommen handling och ange handling_id.", "received")
    day = received
    not_in_future(day, start.today, "received")
    answers = await answered_letter(start.case_id, HandlingKind.SVAR, day, None)
    employer = await Workplace.select(Workplace.employer).where(
        Workplace.id == start.case["workplace"]).first()
    new_id, number = await store_handling(
        start, actor, HandlingKind.SVAR, day, (employer or {}).get("employer") or "Arbetsgivaren",
        ASSESSED_ANSWER_DESCRIPTION, [], answers)
    return day, new_id, number


async def open_krav_count(case_id: int) -> int:
    rows = await Krav.select(Krav.state).where(Krav.case == case_id)
    return sum(1 for r in rows if KravState(r["state"]).is_open)


async def case_version(case_id: int) -> int:
    row = await Case.select(Case.version).where(Case.id == case_id).first()
    return int(row["version"]) if row else 0


async def change_citations(actor: Actor, cmd: ChangeCitations) -> KravWritten:
    """The inspector chooses the rule in force for a krav whose cited rule has been repealed.

    A letter refuses (409) a krav whose rule has no successor on its date; this is how the
    inspector (or the jurist, for a decision) answers, also for a krav already sent in an
    earlier letter (services/corrections.py corrects a krav only before it is sent).
    Citations are checked as when a krav is written, on today's date. A krav already met,
    or in a decided föreläggande, keeps the grounds it was decided on.
    """
    case_id, version, krav_id, citations = cmd.case_id, cmd.version, cmd.krav_id, cmd.citations
    if actor.role not in (Role.INSPEKTOR, Role.JURIST):
        raise Forbidden("Endast inspektör eller jurist får ändra ett kravs hänvisningar.")
    if not 0 < case_id <= MAX_ID or not 0 < krav_id <= MAX_ID:
        raise NotFound("Kravet finns inte.")
    async with write_tx():
        case = await load_case(case_id)
        require_case_access(actor, case["region_code"])
        if version is None:
            raise InvalidInput("Ange ärendets version (fältet version eller If-Match).",
                               "version")
        if version != case["version"]:
            raise Conflict(STALE)
        if case["status"] == CaseStatus.AVSLUTAD.value or await Campaign.exists().where(
                (Campaign.id == case["campaign"]) & (Campaign.archived == True)):  # noqa: E712
            raise StepRefused("Ärendet är avslutat eller hör till en arkiverad kampanj; kravens "
                              "hänvisningar ändras inte längre.")
        row = await Krav.select().where((Krav.id == krav_id) & (Krav.case == case_id)
                                        ).output(load_json=True).first()
        if row is None:
            raise NotFound(f"Kravet finns inte i ärende {case['diarienummer']}.")
        if row["state"] in (KravState.UPPFYLLT.value, KravState.I_FORELAGGANDE.value):
            raise StepRefused(f"Krav {row['number']} är {KravState(row['state']).label.lower()}"
                              "; dess hänvisningar ändras inte i efterhand.")
        catalogue = await reference.catalogue()
        checked = catalogue.check_citations(list(citations), clock.today())
        await Krav.update({Krav.citations: checked}).where(Krav.id == krav_id)
        new_version = case["version"] + 1
        await Case.update({Case.version: new_version,
                           Case.last_activity_on: clock.today()}).where(Case.id == case_id)
        await audit.record(actor, "krav.hanvisningar", case_id, {
            "krav_id": krav_id, "number": row["number"], "before": row["citations"],
            "after": checked})
    return KravWritten(krav_id, int(row["number"]), checked, new_version)

"""Meetings of an inspection: förmöte, återkoppling, återkopplande möte, uppföljning,
and the group conversations with their anonymous questionnaires."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import msgspec

from inspektion.config import load_settings
from inspektion.db.limits import check_fits
from inspektion.db.queries_cases import ParticipantRow
from inspektion.db.tables import GruppsamtalSummary, Meeting, QuestionnaireAnswer
from inspektion.domain.access import Actor, require_case_access
from inspektion.domain.errors import InvalidInput
from inspektion.domain.lifecycle import Step, check_role
from inspektion.domain.questionnaire import Question, parse_responses, summarise, too_small_reason
from inspektion.reference.files import read_questionnaire
from inspektion.services import audit
from inspektion.services.assessments import (
    AssessmentChange,
    AssessmentIn,
    apply_assessments,
    check_assessments,
)
from inspektion.services.step_frame import begin, commit, load_case, not_in_future, parse_date
from inspektion.services.transactions import write_tx

MEETING_KINDS = {
    Step.FORMOTE: "formote",
    Step.ATERKOPPLING: "aterkoppling",
    Step.ATERKOPPLANDE_MOTE: "aterkopplande_mote",
    Step.UPPFOLJNING: "uppfoljning",
}


def questionnaire() -> tuple[Question, ...]:
    return read_questionnaire(load_settings().fixtures_dir)


@dataclass(frozen=True)
class Participant:
    role: str
    name: str = ""


@dataclass(frozen=True)
class RecordMeeting:
    """A förmöte, återkoppling, återkopplande möte or uppföljningsbesök (`step` says which);
    only an uppföljningsbesök may carry assessments."""

    case_id: int
    step: Step
    version: int | None
    day: date | None
    participants: tuple[Participant, ...] = ()
    notes: str = ""
    arbetsomrade: str | None = None
    assessments: tuple[AssessmentIn, ...] = ()


@dataclass(frozen=True)
class MeetingRecorded:
    id: int
    kind: str
    version: int
    status: str
    assessments: list[AssessmentChange]  # what changed per krav (uppföljning); else empty


@dataclass(frozen=True)
class RecordGruppsamtal:
    """One group's questionnaires: per participant, question id (as text) → value."""

    case_id: int
    version: int | None
    day: date | None
    arbetsomrade: str
    responses: tuple[Mapping[str, object], ...]
    client_key: str | None = None


class GruppsamtalRecorded(msgspec.Struct, frozen=True, omit_defaults=True):
    """The compiled summary (or the reason there is none), never an individual answer.

    `repeated`: the same `client_key` was sent before, nothing new was stored;
    `first_summary_id`: for a follow-up, the conversation it is compared with."""

    id: int
    meeting_id: int
    version: int
    respondents: int
    summary: dict[str, object] | None
    reason: str | None
    first_summary_id: int | None = None
    repeated: bool = False


def checked_participants(raw: Sequence[Participant]) -> list[ParticipantRow]:
    """The participants as stored, each with a role (a meeting and its correction both)."""
    out: list[ParticipantRow] = []
    for i, p in enumerate(raw, start=1):
        if not p.role.strip():
            raise InvalidInput(f"Deltagare nr {i} saknar roll.", "participants")
        out.append({"role": p.role.strip()[:100], "name": p.name.strip()[:120]})
    return out


async def record_meeting(actor: Actor, cmd: RecordMeeting) -> MeetingRecorded:
    """A meeting; a follow-up visit may assess krav, dated the day of the visit (this is how
    a krav is shown still unmet after a deadline)."""
    case_id, step, version, notes = cmd.case_id, cmd.step, cmd.version, cmd.notes
    participants, arbetsomrade, assessments = cmd.participants, cmd.arbetsomrade, cmd.assessments
    kind = MEETING_KINDS[step]
    people = checked_participants(participants)
    check_fits("arbetsomrade", arbetsomrade, Meeting.arbetsomrade, "Arbetsområdet")
    if assessments and step is not Step.UPPFOLJNING:
        raise InvalidInput("Krav bedöms vid uppföljningsbesöket eller när svaret kommit in.",
                           "assessments")
    checked = check_assessments(list(assessments or []), required=False,
                                allow_komplettering=False)
    async with write_tx():
        start = await begin(case_id, actor, step, version)
        day = parse_date(cmd.day, "date")
        not_in_future(day, start.today, "date")
        rows = await Meeting.insert(Meeting(
            case=case_id, kind=kind, date=day, participants=people, notes=notes or "",
            arbetsomrade=(arbetsomrade or None))).returning(Meeting.id)
        changes = await apply_assessments(start, actor, checked, day, "uppfoljning",
                                          meeting_id=rows[0]["id"]) if checked else []
        new_version = await commit(start)
        details: dict[str, Any] = {**start.transition(), "meeting_id": rows[0]["id"],
                                   "date": day.isoformat(),
                                   "participant_roles": [p["role"] for p in people]}
        if changes:
            details["assessments"] = changes
        await audit.record(actor, f"meeting.{kind}", case_id, details)
    return MeetingRecorded(int(rows[0]["id"]), kind, new_version, start.new_status.value,
                           changes)


async def record_gruppsamtal(actor: Actor, cmd: RecordGruppsamtal) -> GruppsamtalRecorded:
    """Compile the questionnaires at once; store only unlinked values and the summary.

    A repeated submission with the same `client_key` (a tablet that lost its connection and
    sends again) returns the first result and creates nothing.
    """
    case_id, version, arbetsomrade = cmd.case_id, cmd.version, cmd.arbetsomrade
    responses, client_key = cmd.responses, cmd.client_key
    check_role(Step.GRUPPSAMTAL, actor.role)
    if client_key is not None:
        earlier = await earlier_submission(actor, case_id, client_key)
        if earlier is not None:
            return earlier
    if not (arbetsomrade or "").strip():
        raise InvalidInput("Ange arbetsområde (t.ex. Barn och unga).", "arbetsomrade")
    check_fits("arbetsomrade", arbetsomrade.strip(), Meeting.arbetsomrade, "Arbetsområdet")
    parsed, reason, summary = compile_group(responses)
    async with write_tx():
        start = await begin(case_id, actor, Step.GRUPPSAMTAL, version)
        day = parse_date(cmd.day, "date")
        not_in_future(day, start.today, "date")
        meeting = await Meeting.insert(Meeting(
            case=case_id, kind="gruppsamtal", date=day, arbetsomrade=arbetsomrade.strip(),
            participants=[{"role": "socialsekreterare", "name": ""}] * 0, notes="",
        )).returning(Meeting.id)
        saved = await GruppsamtalSummary.insert(GruppsamtalSummary(
            meeting=meeting[0]["id"], case=case_id, arbetsomrade=arbetsomrade.strip(),
            respondents=len(parsed), summary=summary, reason=reason, client_key=client_key,
        )).returning(GruppsamtalSummary.id)
        flat = [(qid, v) for answers in parsed for qid, v in answers.items()]
        secrets.SystemRandom().shuffle(flat)  # no order that could tie values to a person
        if flat:
            await QuestionnaireAnswer.insert(*[
                QuestionnaireAnswer(summary=saved[0]["id"], question_id=q, value=v)
                for q, v in flat])
        new_version = await commit(start)
        await audit.record(actor, "meeting.gruppsamtal", case_id, {**start.transition(),
            "meeting_id": meeting[0]["id"], "date": day.isoformat(),
            "arbetsomrade": arbetsomrade.strip(), "respondents": len(parsed),
            "summary": "sammanställd" if summary else "ingen (för få svarande)"})
    return GruppsamtalRecorded(int(saved[0]["id"]), int(meeting[0]["id"]), new_version,
                               len(parsed), summary, reason)


async def earlier_submission(actor: Actor, case_id: int, client_key: str
                             ) -> GruppsamtalRecorded | None:
    """What a tablet's form already stored under its key: a form sent twice over a weak
    connection is stored once, and the second sending gets the first one's answer."""
    row = await GruppsamtalSummary.select(
        GruppsamtalSummary.id, GruppsamtalSummary.meeting, GruppsamtalSummary.respondents,
        GruppsamtalSummary.summary, GruppsamtalSummary.reason, GruppsamtalSummary.case,
    ).where(GruppsamtalSummary.client_key == client_key).output(load_json=True).first()
    if row is None:
        return None
    if row["case"] != case_id:
        raise InvalidInput("client_key används redan för ett annat ärende.", "client_key")
    case = await load_case(case_id)
    require_case_access(actor, case["region_code"])
    return GruppsamtalRecorded(int(row["id"]), int(row["meeting"]), int(case["version"]),
                               int(row["respondents"]), row["summary"], row["reason"],
                               repeated=True)


def compile_group(responses: Sequence[Mapping[str, object]]
                  ) -> tuple[list[dict[int, int]], str | None, dict[str, object] | None]:
    """One group's questionnaires: each participant's parsed answers, and either the summary or
    the reason there is none (fewer respondents than the anonymity minimum). Shared by the first
    and the follow-up gruppsamtal so both apply the same rule."""
    if not responses:
        raise InvalidInput("responses ska vara en lista med ett svar per deltagare.", "responses")
    questions = questionnaire()
    parsed = parse_responses(questions, responses)
    minimum = load_settings().min_group_size
    values: dict[int, list[int]] = defaultdict(list)
    for answers in parsed:
        for qid, value in answers.items():
            values[qid].append(value)
    reason = too_small_reason(len(parsed), minimum)
    summary = None if reason else _summary_json(summarise(questions, values, len(parsed), minimum))
    return parsed, reason, summary


def _summary_json(summary: Any) -> dict[str, object]:
    data = asdict(summary)
    for q in data["questions"]:
        if q["distribution"] is not None:
            q["distribution"] = {str(k): v for k, v in q["distribution"].items()}
    return dict(data)

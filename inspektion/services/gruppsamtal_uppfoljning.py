"""The follow-up gruppsamtal: the same questionnaire again at the uppföljningsbesök.

It is linked to the first conversation by workplace and area of work (the case's workplace
and the same `arbetsomrade`), which is what lets the effect per effektmål compare before and
after. The same anonymity rule holds: answers are compiled at once, stored unlinked, and a group
under the minimum gets no summary. It is part of the uppföljningsbesök, so it is allowed when
an uppföljningsbesök is (after the letter, case not closed), does not change the case's status,
and is not counted as a visit of its own.
"""

from __future__ import annotations

import secrets
from typing import Any

from inspektion.db.queries_effekt import FOLLOW_UP_KIND
from inspektion.db.queries_effekt import day as day_of
from inspektion.db.tables import GruppsamtalSummary, Meeting, QuestionnaireAnswer
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput, StepRefused
from inspektion.domain.lifecycle import Step, check_role
from inspektion.services import audit
from inspektion.services.meetings import (
    GruppsamtalRecorded,
    RecordGruppsamtal,
    compile_group,
    earlier_submission,
)
from inspektion.services.step_frame import begin, commit, not_in_future, parse_date
from inspektion.services.transactions import write_tx


async def _first_conversation(case_id: int, arbetsomrade: str) -> dict[str, Any]:
    rows = await GruppsamtalSummary.select(
        GruppsamtalSummary.id, GruppsamtalSummary.arbetsomrade,
        GruppsamtalSummary.meeting.date.as_alias("date"),
    ).where((GruppsamtalSummary.case == case_id)
            & (GruppsamtalSummary.meeting.kind == "gruppsamtal"))
    wanted = arbetsomrade.strip().casefold()
    same = [dict(r) for r in rows if str(r["arbetsomrade"]).strip().casefold() == wanted]
    if not same:
        known = sorted({str(r["arbetsomrade"]) for r in rows})
        hint = (" Ärendets gruppsamtal gällde: " + ", ".join(known) + ".") if known else \
            " Ärendet har inget första gruppsamtal."
        raise InvalidInput(f"Det finns inget första gruppsamtal för arbetsområdet "
                           f"{arbetsomrade.strip()!r} att följa upp.{hint}", "arbetsomrade")
    return min(same, key=lambda r: str(r["date"]))


async def record_follow_up(actor: Actor, cmd: RecordGruppsamtal) -> GruppsamtalRecorded:
    """Compile the follow-up questionnaires; store only unlinked values and the summary."""
    case_id, version, arbetsomrade = cmd.case_id, cmd.version, cmd.arbetsomrade
    responses, client_key = cmd.responses, cmd.client_key
    check_role(Step.UPPFOLJNING, actor.role)
    if client_key is not None:
        earlier = await earlier_submission(actor, case_id, client_key)
        if earlier is not None:
            return earlier
    if not (arbetsomrade or "").strip():
        raise InvalidInput("Ange arbetsområde, samma som vid det första gruppsamtalet.",
                           "arbetsomrade")
    parsed, reason, summary = compile_group(responses)
    async with write_tx():
        start = await begin(case_id, actor, Step.UPPFOLJNING, version)
        day = parse_date(cmd.day, "date")
        not_in_future(day, start.today, "date")
        first = await _first_conversation(case_id, arbetsomrade)
        first_day = day_of(first["date"])
        if first_day is not None and day <= first_day:
            raise StepRefused(f"Uppföljningens gruppsamtal måste hållas efter det första "
                              f"({first_day.isoformat()}).")
        area = str(first["arbetsomrade"])
        meeting = await Meeting.insert(Meeting(
            case=case_id, kind=FOLLOW_UP_KIND, date=day, arbetsomrade=area,
            participants=[], notes="")).returning(Meeting.id)
        saved = await GruppsamtalSummary.insert(GruppsamtalSummary(
            meeting=meeting[0]["id"], case=case_id, arbetsomrade=area,
            respondents=len(parsed), summary=summary, reason=reason, client_key=client_key,
        )).returning(GruppsamtalSummary.id)
        flat = [(qid, v) for answers in parsed for qid, v in answers.items()]
        secrets.SystemRandom().shuffle(flat)  # no order that could tie values to a person
        await QuestionnaireAnswer.insert(*[
            QuestionnaireAnswer(summary=saved[0]["id"], question_id=qq, value=v)
            for qq, v in flat])
        new_version = await commit(start)
        await audit.record(actor, "meeting.gruppsamtal_uppfoljning", case_id, {
            **start.transition(), "meeting_id": meeting[0]["id"], "date": day.isoformat(),
            "arbetsomrade": area, "first_summary_id": first["id"], "respondents": len(parsed),
            "summary": "sammanställd" if summary else "ingen (för få svarande)"})
    return GruppsamtalRecorded(int(saved[0]["id"]), int(meeting[0]["id"]), new_version,
                               len(parsed), summary, reason, int(first["id"]))

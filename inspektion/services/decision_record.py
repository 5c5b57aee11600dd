"""The record a decision's reasons are composed from, read from the case (issue 12).

Kept apart so the reasons rest on one typed view (`documents.view.CaseRecord`): the
employer's svar and yttrande are inkomna handlingar (services/handlingar.py) and each
assessment of a krav is a dated row with the inspector's motivering
(services/assessments.py); this is the one place a decision reads them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inspektion.db.tables import Decision, Document, Handling
from inspektion.documents.view import AssessmentLine, CaseRecord, HandlingFact
from inspektion.domain.handlingar import ASSESSED_ANSWER_DESCRIPTION
from inspektion.domain.utdomande import AssessmentFact
from inspektion.services.assessments import AssessmentListItem, assessments_of_case


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _source(row: AssessmentListItem) -> str:
    day = _day(row["date"])
    when = day.isoformat() if day else ""
    if row["source"] == "uppfoljning":
        return f"uppföljningsbesök {when}"
    handling = f" {row['handling_number']}" if row["handling_number"] else ""
    return f"bedömning av svar{handling} ({when})"


async def assessment_facts(case_id: int) -> tuple[AssessmentFact, ...]:
    """Every dated assessment of the case's krav: from answers and follow-up visits."""
    return tuple(AssessmentFact(int(r["krav_id"]), _day(r["date"]) or date.min,
                                r["outcome"] == "uppfyllt", _source(r))
                 for r in await assessments_of_case(case_id))


def _gist(description: str | None) -> str:
    """What a handling says, for the reasons: its description, unless that is only the
    register's note for an answer registered by assessing it."""
    text = (description or "").strip()
    return "" if text == ASSESSED_ANSWER_DESCRIPTION else text


async def case_record(case_id: int) -> CaseRecord:
    letters = await Document.select(Document.kind, Document.sent_on, Document.payload).where(
        (Document.case == case_id) & (Document.kind == "inspektionsmeddelande")
    ).order_by(Document.id).output(load_json=True)
    handlingar = await Handling.select(
        Handling.kind, Handling.number, Handling.received, Handling.sender,
        Handling.description,
    ).where((Handling.case == case_id) & Handling.kind.is_in(["svar", "yttrande"])
            ).order_by(Handling.received).order_by(Handling.id)
    facts = {kind: tuple(HandlingFact(kind, _day(h["received"]) or date.min, h["number"],
                                      h["sender"] or "", _gist(h["description"]))
                         for h in handlingar if h["kind"] == kind)
             for kind in ("svar", "yttrande")}
    assessments = tuple(AssessmentLine(int(r["krav_number"]), _day(r["date"]) or date.min,
                                       r["outcome"], r["motivering"] or "", r["source"])
                        for r in await assessments_of_case(case_id))
    under = await Decision.select(Decision.decided_on, Decision.svar_senast).where(
        (Decision.case == case_id) & (Decision.kind == "underrattelse")
    ).order_by(Decision.id, ascending=False).first()
    first = letters[0] if letters else None
    # An yttrande counts when it came in after the (last) underrättelse was sent.
    yttranden = tuple(y for y in facts["yttrande"]
                      if under is None or y.received >= under["decided_on"])
    return CaseRecord(
        meddelande_date=first["sent_on"] if first else None,
        meddelande_svar_senast=_day((first["payload"] or {}).get("svar_senast"))
        if first else None,
        svar=facts["svar"], assessments=assessments,
        underrattelse_date=under["decided_on"] if under else None,
        underrattelse_svar_senast=under["svar_senast"] if under else None,
        yttranden=yttranden,
    )

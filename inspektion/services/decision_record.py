"""The record a decision's reasons are composed from, read from the case (issue 12).

Kept apart so the reasons rest on one typed view (`documents.view.CaseRecord`): where the
employer's svar and yttrande are registered as inkomna handlingar and assessments carry the
inspector's motivering, this is the one place that reads them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inspektion.db.tables import Decision, Document
from inspektion.documents.view import AssessmentLine, CaseRecord, HandlingFact


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


async def case_record(case_id: int, numbers: dict[int, int]) -> CaseRecord:
    docs = await Document.select(
        Document.kind, Document.number, Document.sent_on, Document.payload,
    ).where(Document.case == case_id).order_by(Document.id).output(load_json=True)
    meddelande = [d for d in docs if d["kind"] == "inspektionsmeddelande"]
    svar: list[HandlingFact] = []
    assessments: list[AssessmentLine] = []
    for d in docs:
        if d["kind"] != "svar":
            continue
        payload = d["payload"] or {}
        received = _day(payload.get("received")) or d["sent_on"]
        svar.append(HandlingFact("svar", received, d["number"], payload.get("sender", ""),
                                 payload.get("description", "")))
        for change in payload.get("assessments", []):
            outcome = change.get("outcome") or change.get("after", "")
            assessments.append(AssessmentLine(
                numbers.get(int(change["krav_id"]), int(change.get("number") or 0)), received,
                outcome, change.get("motivering", ""), "svar"))
    under = await Decision.select(Decision.decided_on, Decision.svar_senast).where(
        (Decision.case == case_id) & (Decision.kind == "underrattelse")
    ).order_by(Decision.id, ascending=False).first()
    first = meddelande[0] if meddelande else None
    return CaseRecord(
        meddelande_date=first["sent_on"] if first else None,
        meddelande_svar_senast=_day((first["payload"] or {}).get("svar_senast"))
        if first else None,
        svar=tuple(svar), assessments=tuple(assessments),
        underrattelse_date=under["decided_on"] if under else None,
        underrattelse_svar_senast=under["svar_senast"] if under else None,
        yttranden=tuple(HandlingFact("yttrande", _day(d["payload"].get("received"))
                                     or d["sent_on"], d["number"],
                                     d["payload"].get("sender", ""),
                                     d["payload"].get("description", ""))
                        for d in docs if d["kind"] == "yttrande"),
    )

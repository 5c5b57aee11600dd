"""Assessing krav: from the employer's answer (svar) or at a follow-up visit (uppföljning).

Each assessment is kept as a row of its own, with the date of what was assessed (the day the
answer came in, the day of the visit), the outcome and the inspector's reasoning, so that a
decision can later show which krav was still unmet on which day and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from inspektion.db.queries_assessments import AssessmentListRow, assessment_rows
from inspektion.db.tables import Krav, KravAssessment
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput
from inspektion.domain.krav import KravState, Outcome, assess, check_motivering, parse_outcome
from inspektion.services.step_frame import StepStart


@dataclass(frozen=True)
class AssessmentIn:
    krav_id: int
    outcome: str
    motivering: str = ""


@dataclass(frozen=True)
class CheckedAssessment:
    krav_id: int
    outcome: Outcome
    motivering: str
    position: int  # in the request, for the message that names the field


def check_assessments(items: list[AssessmentIn], required: bool,
                      allow_komplettering: bool = True) -> list[CheckedAssessment]:
    """Shape and reasoning of each assessment; the krav's case is checked in the transaction."""
    if not isinstance(items, list):
        raise InvalidInput("assessments ska vara en lista.", "assessments")
    if required and not items:
        raise InvalidInput("Bedöm minst ett krav.", "assessments")
    out: dict[int, CheckedAssessment] = {}
    for i, item in enumerate(items, start=1):
        if not isinstance(item, AssessmentIn) or not isinstance(item.krav_id, int):
            raise InvalidInput(f"Bedömning nr {i} saknar krav_id.", "assessments")
        outcome = parse_outcome(str(item.outcome or ""))
        if outcome is Outcome.KOMPLETTERING and not allow_komplettering:
            raise InvalidInput(f"assessments[{i}].outcome: vid ett uppföljningsbesök bedöms "
                               "kravet som uppfyllt, delvis eller ej uppfyllt; komplettering "
                               "begärs när svaret bedöms.", "outcome")
        out[item.krav_id] = CheckedAssessment(item.krav_id, outcome, item.motivering or "", i)
    return list(out.values())


class AssessmentChange(TypedDict):
    """What one assessment changed, as the audit event and the step's result carry it."""

    krav_id: int
    number: int
    outcome: str
    motivering: str
    before: str
    after: str


class AssessmentListItem(AssessmentListRow):
    outcome_label: str


async def apply_assessments(start: StepStart, actor: Actor, items: list[CheckedAssessment],
                            day: date, source: str, handling_id: int | None = None,
                            meeting_id: int | None = None,
                            komplettering_by: date | None = None) -> list[AssessmentChange]:
    """Change each krav's state and keep the assessment; inside the step's transaction."""
    rows = await Krav.select(Krav.id, Krav.state, Krav.number).where(Krav.case == start.case_id)
    by_id = {r["id"]: r for r in rows}
    changes: list[AssessmentChange] = []
    for item in items:
        if item.krav_id not in by_id:
            raise InvalidInput(f"Krav {item.krav_id} hör inte till ärendet.", "assessments")
        number = int(by_id[item.krav_id]["number"])
        motivering = check_motivering(item.outcome, item.motivering, number, item.position)
        before = KravState(by_id[item.krav_id]["state"])
        after = assess(before, item.outcome)
        values: dict[Any, Any] = {Krav.state: after.value, Krav.assessed_on: day}
        if after is KravState.KOMPLETTERING_BEGARD:
            values[Krav.deadline] = komplettering_by
        await Krav.update(values).where(Krav.id == item.krav_id)
        await KravAssessment.insert(KravAssessment(
            case=start.case_id, krav=item.krav_id, date=day, outcome=item.outcome.value,
            motivering=motivering, source=source, handling=handling_id,
            meeting=meeting_id, assessed_on=start.today, assessed_by=actor.user_id))
        changes.append({"krav_id": item.krav_id, "number": number,
                        "outcome": item.outcome.value, "motivering": motivering,
                        "before": before.value, "after": after.value})
    return changes


async def assessments_of_case(case_id: int) -> list[AssessmentListItem]:
    """Every assessment of the case's krav, oldest first (for the case page and decisions)."""
    return [{**r, "outcome_label": Outcome(r["outcome"]).label}
            for r in await assessment_rows(case_id)]

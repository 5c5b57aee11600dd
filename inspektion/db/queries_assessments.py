"""The assessments of a case's krav, with the krav, handling and user they name."""

from __future__ import annotations

from datetime import date
from typing import TypedDict, cast

from inspektion.db.tables import KravAssessment

_LIST_SQL = (
    'SELECT a.id, a.krav AS krav_id, k.number AS krav_number, a.date, a.outcome, a.motivering, '
    'a.source, a.handling AS handling_id, h.number AS handling_number, a.meeting AS meeting_id, '
    'a.assessed_on, u.username AS assessed_by FROM krav_assessment a '
    'JOIN krav k ON k.id = a.krav LEFT JOIN handling h ON h.id = a.handling '
    'LEFT JOIN app_user u ON u.id = a.assessed_by WHERE a."case" = {} ORDER BY a.date, a.id')


class AssessmentListRow(TypedDict):
    """An assessment as _LIST_SQL reads it: `date` is of what was assessed, `assessed_on` when
    the inspector wrote it."""

    id: int
    krav_id: int
    krav_number: int
    date: date
    outcome: str
    motivering: str
    source: str
    handling_id: int | None
    handling_number: str | None
    meeting_id: int | None
    assessed_on: date
    assessed_by: str | None


async def assessment_rows(case_id: int) -> list[AssessmentListRow]:
    """Oldest first."""
    # The SQL names exactly AssessmentListRow's keys.
    return [cast(AssessmentListRow, dict(r))
            for r in await KravAssessment.raw(_LIST_SQL, case_id)]

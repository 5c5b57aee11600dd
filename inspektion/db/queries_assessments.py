"""The assessments of a case's krav, with the krav, handling and user they name."""

from __future__ import annotations

from typing import Any

from inspektion.db.tables import KravAssessment

_LIST_SQL = (
    'SELECT a.id, a.krav AS krav_id, k.number AS krav_number, a.date, a.outcome, a.motivering, '
    'a.source, a.handling AS handling_id, h.number AS handling_number, a.meeting AS meeting_id, '
    'a.assessed_on, u.username AS assessed_by FROM krav_assessment a '
    'JOIN krav k ON k.id = a.krav LEFT JOIN handling h ON h.id = a.handling '
    'LEFT JOIN app_user u ON u.id = a.assessed_by WHERE a."case" = {} ORDER BY a.date, a.id')


async def assessment_rows(case_id: int) -> list[dict[str, Any]]:
    """Oldest first."""
    return [dict(r) for r in await KravAssessment.raw(_LIST_SQL, case_id)]

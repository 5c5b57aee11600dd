"""A case's answer links and what came in through them (services/svarslankar.py)."""

from __future__ import annotations

from typing import Any

from inspektion.db.tables import Handling, SvarsLank

_LINKS_SQL = (
    'SELECT l.id, l.document, d.number AS document_number, d.kind AS document_kind, '
    'l.recipient, l.created_at, u.username AS created_by, l.expires_on, l.revoked_at, '
    '(SELECT COUNT(*) FROM svar_inskick s WHERE s.link = l.id AND s.handling IS NOT NULL) '
    'AS sent, (SELECT COUNT(*) FROM svar_inskick s WHERE s.link = l.id AND s.handling IS NULL) '
    'AS drafts FROM svarslank l JOIN document d ON d.id = l.document '
    'LEFT JOIN app_user u ON u.id = l.created_by WHERE l."case" = {} ORDER BY l.id')
_SENT_SQL = (
    'SELECT s.answers, s.handling, h.number, h.kind, h.received FROM svar_inskick s '
    'JOIN svarslank l ON l.id = s.link JOIN handling h ON h.id = s.handling '
    'WHERE s."case" = {} AND l.recipient = \'arbetsgivare\' ORDER BY s.id')


async def link_rows(case_id: int) -> list[dict[str, Any]]:
    """The case's links with their letter and how many answers were sent and drafted."""
    return [dict(r) for r in await SvarsLank.raw(_LINKS_SQL, case_id)]


async def sent_by_employer(case_id: int) -> list[dict[str, Any]]:
    """The employer's sent answers (JSON by krav) with the handling each made, oldest first."""
    return [dict(r) for r in await Handling.raw(_SENT_SQL, case_id)]

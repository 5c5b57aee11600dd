"""A case's answer links and what came in through them (services/svarslankar.py).

The rows are typed here, beside the SQL that makes them, so the service and the pages read
named keys mypy checks; the raw rows become those types at this edge only.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, TypedDict, cast

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


class StoredAnswer(TypedDict):
    """One krav's answer as `svar_inskick.answers` keeps it, under the krav id as a string:
    what the employer typed (checked by domain/svarslank.check_answer) and the positions of
    the files sent with it (empty in a draft)."""

    atgard: str
    senast: str
    ansvarig: str
    filer: list[int]


StoredAnswers = dict[str, StoredAnswer]


class LinkRow(TypedDict):
    """One answer link of a case with its letter and how many sends and drafts it has."""

    id: int
    document: int
    document_number: str
    document_kind: str
    recipient: str
    created_at: datetime
    created_by: str | None  # None when the user is gone
    expires_on: date
    revoked_at: datetime | None
    sent: int
    drafts: int


class SentRow(TypedDict):
    """One send of the employer: its answers by krav and the handling it became."""

    answers: StoredAnswers
    handling: int
    number: str
    kind: str
    received: date


def stored_answers(raw: Any) -> StoredAnswers:
    """The answers column as read: JSON text from a raw query (already decoded where the
    driver does it); the one place its documented shape is taken on trust."""
    decoded = json.loads(raw) if isinstance(raw, str) else raw
    return cast(StoredAnswers, decoded or {})


async def link_rows(case_id: int) -> list[LinkRow]:
    """The case's links with their letter and how many answers were sent and drafted."""
    return [cast(LinkRow, dict(r)) for r in await SvarsLank.raw(_LINKS_SQL, case_id)]


async def sent_by_employer(case_id: int) -> list[SentRow]:
    """The employer's sent answers (JSON by krav) with the handling each made, oldest first."""
    return [SentRow(answers=stored_answers(r["answers"]), handling=int(r["handling"]),
                    number=r["number"], kind=r["kind"], received=r["received"])
            for r in await Handling.raw(_SENT_SQL, case_id)]

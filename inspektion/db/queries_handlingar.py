"""A case's inkomna handlingar and their files' metadata (services/handlingar.py)."""

from __future__ import annotations

from typing import Any

from inspektion.db.tables import Handling, HandlingFile

_HANDLINGAR_SQL = (
    'SELECT h.id, h.number, h.seq, h.kind, h.received, h.sender, h.description, '
    'h.answers_document, d.number AS answers_number, h.registered_on, '
    'u.username AS registered_by FROM handling h '
    'LEFT JOIN document d ON d.id = h.answers_document '
    'LEFT JOIN app_user u ON u.id = h.registered_by '
    'WHERE h."case" = {} ORDER BY h.received, h.seq')
_FILES_SQL = (
    'SELECT f.handling, f.position, f.name, f.size, f.sha256, f.content_type '
    'FROM handling_file f JOIN handling h ON h.id = f.handling '
    'WHERE h."case" = {} ORDER BY f.handling, f.position')


async def handlingar_rows(case_id: int) -> list[dict[str, Any]]:
    """Every handling of the case, with the number of the letter it answers, oldest first."""
    return [dict(r) for r in await Handling.raw(_HANDLINGAR_SQL, case_id)]


async def file_rows(case_id: int) -> list[dict[str, Any]]:
    """The metadata (no bytes) of every file of the case's handlingar, by handling and place."""
    return [dict(r) for r in await HandlingFile.raw(_FILES_SQL, case_id)]

"""A case's inkomna handlingar and their files' metadata (services/handlingar.py)."""

from __future__ import annotations

from datetime import date
from typing import TypedDict, cast

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


class HandlingRow(TypedDict):
    """A handling as _HANDLINGAR_SQL reads it: the letter it answers by id and number."""

    id: int
    number: str
    seq: int
    kind: str
    received: date
    sender: str
    description: str
    answers_document: int | None
    answers_number: str | None
    registered_on: date
    registered_by: str | None


class HandlingFileRow(TypedDict):
    """A file's metadata as _FILES_SQL reads it (never its bytes)."""

    handling: int
    position: int
    name: str
    size: int
    sha256: str
    content_type: str


async def handlingar_rows(case_id: int) -> list[HandlingRow]:
    """Every handling of the case, with the number of the letter it answers, oldest first."""
    # The SQL names exactly HandlingRow's keys.
    return [cast(HandlingRow, dict(r)) for r in await Handling.raw(_HANDLINGAR_SQL, case_id)]


async def file_rows(case_id: int) -> list[HandlingFileRow]:
    """The metadata (no bytes) of every file of the case's handlingar, by handling and place."""
    # The SQL names exactly HandlingFileRow's keys.
    return [cast(HandlingFileRow, dict(r))
            for r in await HandlingFile.raw(_FILES_SQL, case_id)]

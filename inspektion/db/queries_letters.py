"""The letters of many cases at once, for the desks that list them (no query per case)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from inspektion.db.tables import Case

# A decision letter's vite is the decision's (the decision that was issued with it).
_LETTERS_SQL = (
    'SELECT doc.id, doc."case" AS case_id, doc.kind, doc.number, doc.created_on, doc.sent_on, '
    'doc.served_on, doc.served_how, doc.pdf_sha256, doc.docx_sha256, '
    '(SELECT d.vite_sek FROM decision d WHERE d.document = doc.id ORDER BY d.id DESC LIMIT 1) '
    'AS vite_sek '
    'FROM document doc WHERE doc."case" IN ({ids}) AND doc.kind IN ({kinds}) ORDER BY doc.id')


async def letters_of_cases(case_ids: list[int], kinds: Iterable[str]
                           ) -> dict[int, list[dict[str, Any]]]:
    """Each case's letters of these kinds, oldest first, in one query."""
    ids = sorted({int(i) for i in case_ids})
    wanted = sorted(kinds)
    if not ids or not wanted:
        return {}
    sql = _LETTERS_SQL.format(ids=", ".join("{}" for _ in ids),
                              kinds=", ".join("{}" for _ in wanted))
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in await Case.raw(sql, *ids, *wanted):
        out[int(row["case_id"])].append(dict(row))
    return dict(out)

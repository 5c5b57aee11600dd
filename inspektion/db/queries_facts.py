"""The rows the lifecycle's facts are made from, for one case or a page of them.

Two queries whatever the number of cases: the krav states per case, and one row per case
with its gruppsamtal, förmöten and latest underrättelse and föreläggande. A step reads one
case inside its transaction; a case list reads its whole page at once (no query per row).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inspektion.db.tables import Case

_KRAV_STATES_SQL = ('SELECT "case" AS case_id, state, COUNT(*) AS n FROM krav '
                    'WHERE "case" IN ({ids}) GROUP BY "case", state')
_CASE_FACTS_SQL = (
    'SELECT c.id AS case_id, '
    '(SELECT COUNT(*) FROM gruppsamtal_summary g WHERE g."case" = c.id) AS groups, '
    '(SELECT COUNT(*) FROM meeting m WHERE m."case" = c.id AND m.kind = \'formote\') '
    'AS formoten, '
    '(SELECT d.svar_senast FROM decision d WHERE d."case" = c.id AND d.kind = \'underrattelse\' '
    'ORDER BY d.id DESC LIMIT 1) AS under_svar, '
    'fd.deadline AS fore_deadline, fd.vite_sek AS fore_vite, doc.served_on AS fore_served, '
    'fd.id AS fore_id '
    'FROM case_file c '
    'LEFT JOIN decision fd ON fd.id = (SELECT d.id FROM decision d WHERE d."case" = c.id '
    'AND d.kind = \'forelaggande\' ORDER BY d.id DESC LIMIT 1) '
    'LEFT JOIN document doc ON doc.id = fd.document '
    'WHERE c.id IN ({ids})')


def as_date(value: Any) -> date | None:
    """A date; SQLite hands back a scalar subquery's date as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class FactRow:
    """What the database says about one case, before the lifecycle reads it."""

    krav_states: dict[str, int] = field(default_factory=dict)
    gruppsamtal_count: int = 0
    formote_count: int = 0
    underrattelse_svar_senast: date | None = None
    forelaggande: bool = False
    forelaggande_deadline: date | None = None
    forelaggande_vite_sek: int | None = None
    forelaggande_served: bool = False


async def fact_rows(case_ids: list[int]) -> dict[int, FactRow]:
    """One FactRow per existing case id, in two queries."""
    ids = sorted({int(i) for i in case_ids})
    if not ids:
        return {}
    marks = ", ".join("{}" for _ in ids)
    states: dict[int, dict[str, int]] = defaultdict(dict)
    for r in await Case.raw(_KRAV_STATES_SQL.format(ids=marks), *ids):
        states[int(r["case_id"])][str(r["state"])] = int(r["n"])
    out: dict[int, FactRow] = {}
    for r in await Case.raw(_CASE_FACTS_SQL.format(ids=marks), *ids):
        case_id = int(r["case_id"])
        out[case_id] = FactRow(
            krav_states=states.get(case_id, {}), gruppsamtal_count=int(r["groups"]),
            formote_count=int(r["formoten"]), underrattelse_svar_senast=as_date(r["under_svar"]),
            forelaggande=r["fore_id"] is not None,
            forelaggande_deadline=as_date(r["fore_deadline"]),
            forelaggande_vite_sek=r["fore_vite"], forelaggande_served=bool(r["fore_served"]))
    return out

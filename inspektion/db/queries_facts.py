"""The columns the lifecycle's facts are made from, written once for every reader.

`FACT_COLUMNS` and `FACT_JOINS` extend a query over `case_file c`: a step reads them for one
case, a list page for all its cases at once (`fact_rows`, one query whatever their number),
and the case page reads them in its own row's query (db/queries_cases.py), so no reader asks
an extra query and all three read the same facts the same way (`fact_row_of`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from inspektion.db.tables import Case
from inspektion.domain.krav import KravState

_MET = ", ".join(f"'{s.value}'" for s in KravState if not s.is_open)
FACT_COLUMNS = (
    '(SELECT COUNT(*) FROM krav kf WHERE kf."case" = c.id) AS fact_krav_total, '
    '(SELECT COUNT(*) FROM krav kf WHERE kf."case" = c.id '
    f'AND kf.state NOT IN ({_MET})) AS fact_krav_open, '
    '(SELECT COUNT(*) FROM gruppsamtal_summary g WHERE g."case" = c.id) AS fact_groups, '
    '(SELECT COUNT(*) FROM meeting m WHERE m."case" = c.id AND m.kind = \'formote\') '
    'AS fact_formoten, '
    '(SELECT d.svar_senast FROM decision d WHERE d."case" = c.id AND d.kind = \'underrattelse\' '
    'ORDER BY d.id DESC LIMIT 1) AS fact_under_svar, '
    'fd.deadline AS fact_fore_deadline, fd.vite_sek AS fact_fore_vite, '
    'fdoc.served_on AS fact_fore_served, fd.id AS fact_fore_id')
FACT_JOINS = (
    'LEFT JOIN decision fd ON fd.id = (SELECT d.id FROM decision d WHERE d."case" = c.id '
    'AND d.kind = \'forelaggande\' ORDER BY d.id DESC LIMIT 1) '
    'LEFT JOIN document fdoc ON fdoc.id = fd.document')
_CASE_FACTS_SQL = (f'SELECT c.id AS case_id, {FACT_COLUMNS} FROM case_file c {FACT_JOINS} '
                   'WHERE c.id IN ({ids})')
FACT_KEYS = ("fact_krav_total", "fact_krav_open", "fact_groups", "fact_formoten",
             "fact_under_svar", "fact_fore_deadline", "fact_fore_vite", "fact_fore_served",
             "fact_fore_id")


def as_date(value: Any) -> date | None:
    """A date; SQLite hands back a scalar subquery's date as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class FactRow:
    """What the database says about one case, before the lifecycle reads it."""

    krav_total: int = 0
    krav_open: int = 0
    gruppsamtal_count: int = 0
    formote_count: int = 0
    underrattelse_svar_senast: date | None = None
    forelaggande: bool = False
    forelaggande_deadline: date | None = None
    forelaggande_vite_sek: int | None = None
    forelaggande_served: bool = False


def fact_row_of(r: Mapping[str, Any]) -> FactRow:
    """The FACT_COLUMNS of one row, as the lifecycle reads them."""
    return FactRow(
        krav_total=int(r["fact_krav_total"]), krav_open=int(r["fact_krav_open"]),
        gruppsamtal_count=int(r["fact_groups"]), formote_count=int(r["fact_formoten"]),
        underrattelse_svar_senast=as_date(r["fact_under_svar"]),
        forelaggande=r["fact_fore_id"] is not None,
        forelaggande_deadline=as_date(r["fact_fore_deadline"]),
        forelaggande_vite_sek=r["fact_fore_vite"], forelaggande_served=bool(r["fact_fore_served"]))


async def fact_rows(case_ids: list[int]) -> dict[int, FactRow]:
    """One FactRow per existing case id, in one query."""
    ids = sorted({int(i) for i in case_ids})
    if not ids:
        return {}
    marks = ", ".join("{}" for _ in ids)
    return {int(r["case_id"]): fact_row_of(r)
            for r in await Case.raw(_CASE_FACTS_SQL.format(ids=marks), *ids)}

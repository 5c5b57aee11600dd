"""Set-based read queries behind the campaign figures and the coverage maps.

Each function is one GROUP BY over a campaign's rows, per municipality, and returns a few
thousand rows at most whatever the number of cases, but scanning a national campaign's krav
takes seconds (bench/maps/): the figures read the rollup instead (db/rollup.py), and these
queries are the reference it is checked against (`inspektion stats --check`). The SQL is plain
enough for both SQLite and PostgreSQL; JSON citations are grouped as text, because
PostgreSQL's `json` type has no equality, and the few distinct lists are parsed in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from inspektion.db.tables import Campaign, Case, Kommun

_CASES = 'FROM case_file c WHERE c.campaign = {}'
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL


async def _raw(sql: str, *args: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await Case.raw(sql, *args)
    return rows


async def find_campaign(ref: str | int | None) -> dict[str, Any] | None:
    """By id, by exact name, or (None) the campaign that started last."""
    query = Campaign.select(Campaign.id, Campaign.name, Campaign.start, Campaign.end,
                            Campaign.target_share)
    if ref is None or str(ref).strip() == "":
        row = await query.order_by(Campaign.start, ascending=False).order_by(
            Campaign.id, ascending=False).first()
    elif str(ref).strip().lstrip("-").isdecimal():
        number = int(str(ref).strip())
        if not 0 < number <= MAX_ID:  # beyond any id; the drivers would overflow on it
            return None
        row = await query.where(Campaign.id == number).first()
    else:
        row = await query.where(Campaign.name == str(ref).strip()).first()
    return dict(row) if row else None


async def kommun_reference() -> list[dict[str, Any]]:
    """The 290 municipalities with län and region, in code order."""
    rows = await Kommun.select(
        Kommun.id, Kommun.kommunkod, Kommun.namn, Kommun.lan.kod.as_alias("lan_kod"),
        Kommun.lan.namn.as_alias("lan_namn"), Kommun.region.id.as_alias("region_id"),
        Kommun.region.code.as_alias("region")).order_by(Kommun.kommunkod)
    return [dict(r) for r in rows]


async def region_targets(campaign_id: int) -> list[dict[str, Any]]:
    return await _raw(
        'SELECT t.region AS region_id, r.code AS region, r.namn AS namn, '
        't.target_kommuner AS target FROM campaign_region_target t '
        'JOIN region r ON r.id = t.region WHERE t.campaign = {} ORDER BY r.code', campaign_id)


async def cases_by_kommun_status(campaign_id: int) -> list[dict[str, Any]]:
    """Cases per municipality and status."""
    return await _raw(
        'SELECT c.kommun AS kommun_id, c.status AS status, COUNT(*) AS cases '
        + _CASES + ' GROUP BY c.kommun, c.status', campaign_id)


async def meetings_by_kommun_kind(campaign_id: int) -> list[dict[str, Any]]:
    """Workplace visits per municipality and kind; a municipality with any is reached."""
    return await _raw(
        'SELECT c.kommun AS kommun_id, m.kind AS kind, COUNT(*) AS n FROM meeting m '
        'JOIN case_file c ON c.id = m."case" WHERE c.campaign = {}'
        " AND m.kind <> 'gruppsamtal_uppfoljning'"  # held at the uppföljningsbesök, not a visit
        + ' GROUP BY c.kommun, m.kind', campaign_id)


async def documents_by_region_kind(campaign_id: int) -> list[dict[str, Any]]:
    return await _raw(
        'SELECT c.region AS region_id, d.kind AS kind, COUNT(*) AS n '
        'FROM document d JOIN case_file c ON c.id = d."case" WHERE c.campaign = {}'
        + ' GROUP BY c.region, d.kind', campaign_id)


async def decisions_by_region_kind(campaign_id: int) -> list[dict[str, Any]]:
    """Decisions per kind, and how many carried a vite."""
    return await _raw(
        'SELECT c.region AS region_id, d.kind AS kind, COUNT(*) AS n, '
        'SUM(CASE WHEN d.vite_sek > 0 THEN 1 ELSE 0 END) AS with_vite FROM decision d '
        'JOIN case_file c ON c.id = d."case" WHERE c.campaign = {}'
        + ' GROUP BY c.region, d.kind', campaign_id)


async def krav_by_kommun(campaign_id: int) -> list[dict[str, Any]]:
    """Krav per municipality, citation list (JSON text) and effektmål, with how many are open.

    One pass over the campaign's krav serves the figures per region, the regulations view,
    the open krav on the coverage map and the krav map.
    """
    return await _raw(
        'SELECT c.kommun AS kommun_id, CAST(k.citations AS TEXT) AS citations, '
        'k.effektmal AS effektmal, COUNT(*) AS n, '
        "SUM(CASE WHEN k.state <> 'uppfyllt' THEN 1 ELSE 0 END) AS open_krav FROM krav k "
        'JOIN case_file c ON c.id = k."case" WHERE c.campaign = {}'
        + ' GROUP BY c.kommun, CAST(k.citations AS TEXT), k.effektmal', campaign_id)


async def overdue_by_region(campaign_id: int, due_before: date, statuses: Sequence[str]
                            ) -> list[dict[str, Any]]:
    """Cases waiting for the employer's answer with an answer date before `due_before` (the
    bound `domain.reminder_rules.overdue_if_due_before` gives)."""
    marks = ", ".join("{}" for _ in statuses)
    return await _raw(
        'SELECT c.region AS region_id, COUNT(*) AS n ' + _CASES
        + f' AND c.status IN ({marks}) AND c.svar_senast < {{}} '
        'GROUP BY c.region', campaign_id, *statuses, due_before)

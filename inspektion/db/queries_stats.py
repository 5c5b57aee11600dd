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
from typing import Any, TypedDict, cast

from inspektion.db.tables import Campaign, Case, Kommun

_CASES = 'FROM case_file c WHERE c.campaign = {}'
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL


class CampaignRow(TypedDict):
    """A campaign as the figures, the maps and the effect show it."""

    id: int
    name: str
    start: date
    end: date
    target_share: float


class KommunRef(TypedDict):
    """A municipality with its län and region (the 290 reference rows)."""

    id: int
    kommunkod: str
    namn: str
    lan_kod: str
    lan_namn: str
    region_id: int
    region: str


class RegionTarget(TypedDict):
    """A region's target: how many municipalities the campaign is to reach there."""

    region_id: int
    region: str
    namn: str
    target: int


class CasesRow(TypedDict):
    kommun_id: int
    status: str
    cases: int


class MeetingsRow(TypedDict):
    kommun_id: int
    kind: str
    n: int


class DocumentsRow(TypedDict):
    region_id: int
    kind: str
    n: int


class DecisionsRow(TypedDict):
    region_id: int
    kind: str
    n: int
    with_vite: int


class OverdueRow(TypedDict):
    region_id: int
    n: int


class KravRow(TypedDict):
    """Krav per municipality, citation list (JSON text) and effektmål."""

    kommun_id: int
    citations: str | None
    effektmal: int | None
    n: int
    open_krav: int


class KravKommunRow(TypedDict):
    """Krav per municipality."""

    kommun_id: int
    n: int
    open_krav: int


class KravCitationsRow(TypedDict):
    """Krav per citation list (JSON text) and effektmål, campaign-wide."""

    citations: str | None
    effektmal: int | None
    n: int
    open_krav: int


async def _raw(sql: str, *args: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await Case.raw(sql, *args)
    return rows


async def find_campaign(ref: str | int | None) -> CampaignRow | None:
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
    # The selected columns are exactly CampaignRow's, typed by the table (db/tables.py).
    return cast(CampaignRow, dict(row)) if row else None


async def kommun_reference() -> list[KommunRef]:
    """The 290 municipalities with län and region, in code order."""
    rows = await Kommun.select(
        Kommun.id, Kommun.kommunkod, Kommun.namn, Kommun.lan.kod.as_alias("lan_kod"),
        Kommun.lan.namn.as_alias("lan_namn"), Kommun.region.id.as_alias("region_id"),
        Kommun.region.code.as_alias("region")).order_by(Kommun.kommunkod)
    # The selected columns are exactly KommunRef's, typed by the tables (db/tables.py).
    return [cast(KommunRef, dict(r)) for r in rows]


async def region_targets(campaign_id: int) -> list[RegionTarget]:
    rows = await _raw(
        'SELECT t.region AS region_id, r.code AS region, r.namn AS namn, '
        't.target_kommuner AS target FROM campaign_region_target t '
        'JOIN region r ON r.id = t.region WHERE t.campaign = {} ORDER BY r.code', campaign_id)
    return [RegionTarget(region_id=int(r["region_id"]), region=str(r["region"]),
                         namn=str(r["namn"]), target=int(r["target"])) for r in rows]


async def cases_by_kommun_status(campaign_id: int) -> list[CasesRow]:
    """Cases per municipality and status."""
    rows = await _raw(
        'SELECT c.kommun AS kommun_id, c.status AS status, COUNT(*) AS cases '
        + _CASES + ' GROUP BY c.kommun, c.status', campaign_id)
    return [CasesRow(kommun_id=int(r["kommun_id"]), status=str(r["status"]),
                     cases=int(r["cases"])) for r in rows]


async def meetings_by_kommun_kind(campaign_id: int) -> list[MeetingsRow]:
    """Workplace visits per municipality and kind; a municipality with any is reached."""
    rows = await _raw(
        'SELECT c.kommun AS kommun_id, m.kind AS kind, COUNT(*) AS n FROM meeting m '
        'JOIN case_file c ON c.id = m."case" WHERE c.campaign = {}'
        " AND m.kind <> 'gruppsamtal_uppfoljning'"  # held at the uppföljningsbesök, not a visit
        + ' GROUP BY c.kommun, m.kind', campaign_id)
    return [MeetingsRow(kommun_id=int(r["kommun_id"]), kind=str(r["kind"]), n=int(r["n"]))
            for r in rows]


async def documents_by_region_kind(campaign_id: int) -> list[DocumentsRow]:
    rows = await _raw(
        'SELECT c.region AS region_id, d.kind AS kind, COUNT(*) AS n '
        'FROM document d JOIN case_file c ON c.id = d."case" WHERE c.campaign = {}'
        + ' GROUP BY c.region, d.kind', campaign_id)
    return [DocumentsRow(region_id=int(r["region_id"]), kind=str(r["kind"]), n=int(r["n"]))
            for r in rows]


async def decisions_by_region_kind(campaign_id: int) -> list[DecisionsRow]:
    """Decisions per kind, and how many carried a vite (sums are ints here, whatever the
    driver hands back)."""
    rows = await _raw(
        'SELECT c.region AS region_id, d.kind AS kind, COUNT(*) AS n, '
        'SUM(CASE WHEN d.vite_sek > 0 THEN 1 ELSE 0 END) AS with_vite FROM decision d '
        'JOIN case_file c ON c.id = d."case" WHERE c.campaign = {}'
        + ' GROUP BY c.region, d.kind', campaign_id)
    return [DecisionsRow(region_id=int(r["region_id"]), kind=str(r["kind"]), n=int(r["n"]),
                         with_vite=int(r["with_vite"] or 0)) for r in rows]


async def krav_by_kommun(campaign_id: int) -> list[KravRow]:
    """Krav per municipality, citation list (JSON text) and effektmål, with how many are open.

    One pass over the campaign's krav serves the figures per region, the regulations view,
    the open krav on the coverage map and the krav map.
    """
    rows = await _raw(
        'SELECT c.kommun AS kommun_id, CAST(k.citations AS TEXT) AS citations, '
        'k.effektmal AS effektmal, COUNT(*) AS n, '
        "SUM(CASE WHEN k.state <> 'uppfyllt' THEN 1 ELSE 0 END) AS open_krav FROM krav k "
        'JOIN case_file c ON c.id = k."case" WHERE c.campaign = {}'
        + ' GROUP BY c.kommun, CAST(k.citations AS TEXT), k.effektmal', campaign_id)
    return [KravRow(kommun_id=int(r["kommun_id"]), citations=r["citations"],
                    effektmal=None if r["effektmal"] is None else int(r["effektmal"]),
                    n=int(r["n"]), open_krav=int(r["open_krav"] or 0)) for r in rows]


async def overdue_by_region(campaign_id: int, due_before: date, statuses: Sequence[str]
                            ) -> list[OverdueRow]:
    """Cases waiting for the employer's answer with an answer date before `due_before` (the
    bound `domain.reminder_rules.overdue_if_due_before` gives)."""
    marks = ", ".join("{}" for _ in statuses)
    rows = await _raw(
        'SELECT c.region AS region_id, COUNT(*) AS n ' + _CASES
        + f' AND c.status IN ({marks}) AND c.svar_senast < {{}} '
        'GROUP BY c.region', campaign_id, *statuses, due_before)
    return [OverdueRow(region_id=int(r["region_id"]), n=int(r["n"])) for r in rows]

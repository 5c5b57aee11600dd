"""The pieces the figures and the maps share: states, ordering, and one fetch of the rows.

The campaign's grouped queries run at once (asyncio.gather; on PostgreSQL each on its own
pooled connection), because nothing depends on another's answer; their rows are kept between
requests and re-read only for municipalities whose cases changed (stats_cache.py), since a
national campaign's krav and meetings take seconds to scan.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from inspektion import clock
from inspektion.db import queries_stats as q
from inspektion.domain.catalogue import Catalogue
from inspektion.domain.errors import NotFound
from inspektion.services import stats_cache

REGION_ORDER = ["IRN-Nord", "IRM-Mitt", "IRÖ-Öst", "IRV-Väst", "IRS-Syd"]  # the report's order
AWAITING_ANSWER = ["meddelande_skickat", "tillsynsmeddelande_skickat", "komplettering_begard"]


def region_key(code: str) -> tuple[int, str]:
    return (REGION_ORDER.index(code) if code in REGION_ORDER else len(REGION_ORDER), code)


class KommunState(StrEnum):
    """A municipality's place in the campaign, as the coverage map colours it."""

    EJ_BESOKT = "ej_besokt"
    PLANERAD = "planerad"
    PAGAENDE = "pagaende"
    MEDDELANDE = "meddelande_skickat"
    ESKALERAD = "eskalerad"
    AVSLUTAD = "avslutad"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    KommunState.EJ_BESOKT: "Inte besökt",
    KommunState.PLANERAD: "Planerad",
    KommunState.PAGAENDE: "Inspektion pågår",
    KommunState.MEDDELANDE: "Inspektionsmeddelande skickat",
    KommunState.ESKALERAD: "Eskalerad (underrättelse eller föreläggande)",
    KommunState.AVSLUTAD: "Avslutad",
}
_STATE_OF_STATUS = {
    "planerad": KommunState.PLANERAD,
    "pagaende": KommunState.PAGAENDE,
    "tillsynsmeddelande_skickat": KommunState.PAGAENDE,
    "redovisning_inkommen": KommunState.PAGAENDE,
    "komplettering_begard": KommunState.PAGAENDE,
    "meddelande_skickat": KommunState.MEDDELANDE,
    "uppfoljning": KommunState.MEDDELANDE,
    "underrattelse_skickad": KommunState.ESKALERAD,
    "forelaggande_beslutat": KommunState.ESKALERAD,
    "utdomande_ansokt": KommunState.ESKALERAD,
    "dom_meddelad": KommunState.ESKALERAD,
    "avslutad": KommunState.AVSLUTAD,
}
_OPEN_ORDER = [KommunState.ESKALERAD, KommunState.MEDDELANDE, KommunState.PAGAENDE,
               KommunState.PLANERAD]


def kommun_state(statuses: Iterable[str]) -> KommunState:
    """The most pressing open state among a municipality's cases; closed when all are."""
    states = {_STATE_OF_STATUS.get(s, KommunState.PAGAENDE) for s in statuses}
    if not states:
        return KommunState.EJ_BESOKT
    for state in _OPEN_ORDER:
        if state in states:
            return state
    return KommunState.AVSLUTAD


def regulation_of(citation: str, catalogue: Catalogue) -> str:
    para = catalogue.find(citation)
    if para is not None:
        return para.regulation_id
    parts = citation.split()
    return " ".join(parts[:2]) if parts and parts[0] == "AFS" else (parts[0] if parts else "?")


async def campaign_or_404(ref: str | int | None) -> dict[str, Any]:
    campaign = await q.find_campaign(ref)
    if campaign is None:
        raise NotFound("Kampanjen finns inte." if ref not in (None, "") else
                       "Det finns ingen kampanj än.")
    return campaign


def as_of(campaign: dict[str, Any]) -> date:
    """Figures stand on today, or on the campaign's last day once it has ended."""
    end: date = campaign["end"]
    return min(clock.today(), end)


@dataclass(frozen=True)
class CampaignRows:
    kommuner: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    krav: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    overdue: list[dict[str, Any]]


async def fetch(campaign_id: int, day: date, letters: bool = True) -> CampaignRows:
    """Every grouped query of a campaign, kept between requests (services/stats_cache.py).

    `letters` is accepted for the maps' sake but costs nothing once the rows are kept.
    """
    if stats_cache.in_transaction():
        kommuner, targets = await q.kommun_reference(), await q.region_targets(campaign_id)
    else:
        kommuner, targets = await asyncio.gather(q.kommun_reference(),
                                                 q.region_targets(campaign_id))
    rows = await stats_cache.campaign_rows(campaign_id, day, AWAITING_ANSWER)
    return CampaignRows(kommuner, targets, rows["cases"], rows["meetings"], rows["krav"],
                        rows["documents"], rows["decisions"], rows["overdue"])


async def fetch_direct(campaign_id: int, day: date) -> CampaignRows:
    """The same rows straight from the queries, nothing kept: what `fetch` must equal."""
    parts = await asyncio.gather(
        q.kommun_reference(), q.region_targets(campaign_id),
        q.cases_by_kommun_status(campaign_id), q.meetings_by_kommun_kind(campaign_id),
        q.krav_by_kommun(campaign_id), q.documents_by_region_kind(campaign_id),
        q.decisions_by_region_kind(campaign_id),
        q.overdue_by_region(campaign_id, day, AWAITING_ANSWER))
    return CampaignRows(*parts)


def kommun_rollup(rows: CampaignRows) -> dict[int, dict[str, Any]]:
    """Per municipality (by id) with any case: cases, visits, reached, open krav, state."""
    statuses: dict[int, list[str]] = defaultdict(list)
    out: dict[int, dict[str, Any]] = {}

    def row(kid: Any) -> dict[str, Any]:
        return out.setdefault(int(kid), {"cases": 0, "visits": 0, "open_krav": 0, "krav": 0})

    for r in rows.cases:
        row(r["kommun_id"])["cases"] += int(r["cases"])
        statuses[int(r["kommun_id"])].append(str(r["status"]))
    for r in rows.meetings:
        row(r["kommun_id"])["visits"] += int(r["n"])
    for r in rows.krav:
        got = row(r["kommun_id"])
        got["krav"] += int(r["n"])
        got["open_krav"] += int(r["open_krav"] or 0)
    for kid, got in out.items():
        got["reached"] = got["visits"] > 0
        got["state"] = kommun_state(statuses.get(kid, []))
    return out

"""The pieces the figures and the maps share: states, ordering, and one fetch of the rows.

The rows come from the rollup the database keeps exact in the transaction of every change
(db/rollup.py): a national campaign's krav and meetings take seconds to group, their sums a
few milliseconds to read, and every process, the first request after a start included, sees
the same numbers. The plain grouped queries (db/queries_stats.py) stay as the reference the
rollup is checked against (`fetch_direct`, services/rollup_check.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from inspektion import clock
from inspektion.db import queries_stats as q
from inspektion.db import rollup
from inspektion.db.rollup import AWAITING_ANSWER as AWAITING_ANSWER
from inspektion.domain.catalogue import Catalogue
from inspektion.domain.errors import NotFound

REGION_ORDER = ["IRN-Nord", "IRM-Mitt", "IRÖ-Öst", "IRV-Väst", "IRS-Syd"]  # the report's order


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


PARTS = ("cases", "meetings", "krav", "documents", "decisions", "overdue")


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
    """The campaign's grouped rows, from the rollup the database keeps exact (db/rollup.py).

    A few thousand summed rows whatever the number of cases, read in three queries one after
    another on one connection. `letters` is accepted for the maps' sake; it costs nothing.
    """
    kommuner = await q.kommun_reference()
    targets = await q.region_targets(campaign_id)
    return _from_rollup(kommuner, targets, await rollup.campaign_rows(campaign_id), day)


def _from_rollup(kommuner: list[dict[str, Any]], targets: list[dict[str, Any]],
                 rows: list[dict[str, Any]], day: date) -> CampaignRows:
    """The rollup's rows in the shapes of the plain queries (what `fetch_direct` returns)."""
    sums: dict[str, dict[tuple[Any, ...], list[int]]] = defaultdict(dict)

    def add(part: str, key: tuple[Any, ...], n: int, n2: int = 0) -> None:
        got = sums[part].setdefault(key, [0, 0])
        got[0] += n
        got[1] += n2

    since = day.isoformat()
    for r in rows:
        kid, rid, part, key = int(r["kommun"]), int(r["region"]), r["part"], r["key"]
        n, n2 = int(r["n"]), int(r["n2"])
        if part == "case":
            add("cases", (kid, key), n)
        elif part == "meeting":
            add("meetings", (kid, key), n)
        elif part == "krav":
            add("krav", (kid, key, int(r["effektmal"]) or None), n, n2)
        elif part in ("document", "decision"):
            add(part + "s", (kid, rid, key), n, n2)
        elif part == "svar" and str(key) < since:
            add("overdue", (kid, rid), n)
    return CampaignRows(
        kommuner, targets,
        [{"kommun_id": k, "status": s, "cases": n} for (k, s), (n, _) in sums["cases"].items()],
        [{"kommun_id": k, "kind": kind, "n": n}
         for (k, kind), (n, _) in sums["meetings"].items()],
        [{"kommun_id": k, "citations": c, "effektmal": e, "n": n, "open_krav": o}
         for (k, c, e), (n, o) in sums["krav"].items()],
        [{"kommun_id": k, "region_id": r, "kind": kind, "n": n}
         for (k, r, kind), (n, _) in sums["documents"].items()],
        [{"kommun_id": k, "region_id": r, "kind": kind, "n": n, "with_vite": v}
         for (k, r, kind), (n, v) in sums["decisions"].items()],
        [{"kommun_id": k, "region_id": r, "n": n} for (k, r), (n, _) in sums["overdue"].items()])


async def fetch_direct(campaign_id: int, day: date) -> CampaignRows:
    """The same rows straight from the plain tables: what `fetch` must equal (the check)."""
    return CampaignRows(
        await q.kommun_reference(), await q.region_targets(campaign_id),
        await q.cases_by_kommun_status(campaign_id), await q.meetings_by_kommun_kind(campaign_id),
        await q.krav_by_kommun(campaign_id), await q.documents_by_region_kind(campaign_id),
        await q.decisions_by_region_kind(campaign_id),
        await q.overdue_by_region(campaign_id, day, AWAITING_ANSWER))


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

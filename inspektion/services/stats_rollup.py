"""The pieces the figures and the maps share: one fetch of the rows (the states and the
regions' order are domain/coverage.py's).

The rows come from the rollup the database keeps exact in the transaction of every change
(db/rollup.py): a national campaign's krav and meetings take seconds to group, their sums a
few milliseconds to read, and every process, the first request after a start included, sees
the same numbers. The plain grouped queries (db/queries_stats.py) stay as the reference the
rollup is checked against (`fetch_direct`, services/rollup_check.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from inspektion import clock
from inspektion.db import queries_stats as q
from inspektion.db import rollup
from inspektion.db.queries_stats import (
    CampaignRow,
    CasesRow,
    DecisionsRow,
    DocumentsRow,
    KommunRef,
    KravCitationsRow,
    KravKommunRow,
    KravRow,
    MeetingsRow,
    OverdueRow,
    RegionTarget,
)
from inspektion.db.rollup import AWAITING_ANSWER as AWAITING_ANSWER
from inspektion.domain.catalogue import Catalogue
from inspektion.domain.coverage import REGION_ORDER as REGION_ORDER
from inspektion.domain.coverage import STATE_LABELS as STATE_LABELS
from inspektion.domain.coverage import KommunState as KommunState
from inspektion.domain.coverage import kommun_state as kommun_state
from inspektion.domain.coverage import region_key as region_key
from inspektion.domain.errors import NotFound
from inspektion.domain.reminder_rules import overdue_if_due_before


def regulation_of(citation: str, catalogue: Catalogue) -> str:
    para = catalogue.find(citation)
    if para is not None:
        return para.regulation_id
    parts = citation.split()
    return " ".join(parts[:2]) if parts and parts[0] == "AFS" else (parts[0] if parts else "?")


async def campaign_or_404(ref: str | int | None) -> CampaignRow:
    campaign = await q.find_campaign(ref)
    if campaign is None:
        raise NotFound("Kampanjen finns inte." if ref not in (None, "") else
                       "Det finns ingen kampanj än.")
    return campaign


def as_of(campaign: CampaignRow) -> date:
    """Figures stand on today, or on the campaign's last day once it has ended."""
    return min(clock.today(), campaign["end"])


PARTS = ("cases", "meetings", "krav", "krav_kommun", "krav_citations", "documents", "decisions",
         "overdue")


@dataclass(frozen=True)
class CampaignRows:
    """A campaign's grouped rows. `krav` (per municipality and citation list) is filled only
    when asked for (the krav map, the check); the figures need only its two sums:
    `krav_kommun` (per municipality) and `krav_citations` (per citation list, campaign-wide)."""

    kommuner: list[KommunRef]
    targets: list[RegionTarget]
    cases: list[CasesRow]
    meetings: list[MeetingsRow]
    krav: list[KravRow]
    documents: list[DocumentsRow]
    decisions: list[DecisionsRow]
    overdue: list[OverdueRow]
    krav_kommun: list[KravKommunRow]
    krav_citations: list[KravCitationsRow]


class KommunRollup(TypedDict):
    """One municipality's sums in a campaign (`kommun_rollup`)."""

    cases: int
    visits: int
    open_krav: int
    krav: int
    reached: bool
    state: KommunState


async def fetch(campaign_id: int, day: date, krav_detail: bool = False) -> CampaignRows:
    """The campaign's grouped rows, from the rollup the database keeps exact (db/rollup.py).

    Three queries one after another on one connection; the rollup's sums are grouped once
    more by the database into the shapes below (a few thousand rows whatever the number of
    cases), so Python only sorts them into lists.
    """
    kommuner = await q.kommun_reference()
    targets = await q.region_targets(campaign_id)
    cases: list[CasesRow] = []
    meetings: list[MeetingsRow] = []
    krav: list[KravRow] = []
    documents: list[DocumentsRow] = []
    decisions: list[DecisionsRow] = []
    overdue: list[OverdueRow] = []
    krav_kommun: list[KravKommunRow] = []
    krav_citations: list[KravCitationsRow] = []
    for r in await rollup.campaign_rows(campaign_id, overdue_if_due_before(day), krav_detail):
        part = r["part"]
        kid, key, n, n2 = r["kommun"], r["key"], int(r["n"]), int(r["n2"])
        if part == "cases":
            cases.append({"kommun_id": kid, "status": key, "cases": n})
        elif part == "meetings":
            meetings.append({"kommun_id": kid, "kind": key, "n": n})
        elif part == "documents":
            documents.append({"region_id": r["region"], "kind": key, "n": n})
        elif part == "decisions":
            decisions.append({"region_id": r["region"], "kind": key, "n": n, "with_vite": n2})
        elif part == "overdue":
            overdue.append({"region_id": r["region"], "n": n})
        elif part == "krav_kommun":
            krav_kommun.append({"kommun_id": kid, "n": n, "open_krav": n2})
        elif part == "krav":
            krav.append({"kommun_id": kid, "citations": key,
                         "effektmal": int(r["effektmal"]) or None, "n": n, "open_krav": n2})
        else:  # krav_citations
            krav_citations.append({"citations": key, "effektmal": int(r["effektmal"]) or None,
                                   "n": n, "open_krav": n2})
    return CampaignRows(kommuner, targets, cases, meetings, krav, documents, decisions, overdue,
                        krav_kommun, krav_citations)


async def fetch_direct(campaign_id: int, day: date) -> CampaignRows:
    """The same rows straight from the plain tables: what `fetch` must equal (the check)."""
    krav = await q.krav_by_kommun(campaign_id)
    by_kommun: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_citations: dict[tuple[str | None, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for r in krav:
        for got in (by_kommun[r["kommun_id"]], by_citations[(r["citations"], r["effektmal"])]):
            got[0] += int(r["n"])
            got[1] += int(r["open_krav"] or 0)
    return CampaignRows(
        await q.kommun_reference(), await q.region_targets(campaign_id),
        await q.cases_by_kommun_status(campaign_id), await q.meetings_by_kommun_kind(campaign_id),
        krav, await q.documents_by_region_kind(campaign_id),
        await q.decisions_by_region_kind(campaign_id),
        await q.overdue_by_region(campaign_id, overdue_if_due_before(day), AWAITING_ANSWER),
        [{"kommun_id": k, "n": n, "open_krav": o} for k, (n, o) in by_kommun.items()],
        [{"citations": c, "effektmal": e, "n": n, "open_krav": o}
         for (c, e), (n, o) in by_citations.items()])


def kommun_rollup(rows: CampaignRows) -> dict[int, KommunRollup]:
    """Per municipality (by id) with any case: cases, visits, reached, open krav, state."""
    statuses: dict[int, list[str]] = defaultdict(list)
    out: dict[int, KommunRollup] = {}

    def row(kid: int) -> KommunRollup:
        return out.setdefault(int(kid), {"cases": 0, "visits": 0, "open_krav": 0, "krav": 0,
                                         "reached": False, "state": KommunState.EJ_BESOKT})

    for r in rows.cases:
        row(r["kommun_id"])["cases"] += int(r["cases"])
        statuses[int(r["kommun_id"])].append(str(r["status"]))
    for m in rows.meetings:
        row(m["kommun_id"])["visits"] += int(m["n"])
    for k in rows.krav_kommun:
        got = row(k["kommun_id"])
        got["krav"] += int(k["n"])
        got["open_krav"] += int(k["open_krav"] or 0)
    for kid, got in out.items():
        got["reached"] = got["visits"] > 0
        got["state"] = kommun_state(statuses.get(kid, []))
    return out

"""The coordinator's figures for a campaign, per region and nationally.

Two questions steer a campaign: how much of Sweden have we reached against the target, and
where are we stuck. The figures answer both from the campaign rollup the database keeps exact
(db/rollup.py, read by stats_rollup.fetch); the coverage map draws on the same rows. Where a
final report exists for the campaign (the 2015–2017 one), its own figures are shown beside
ours and never mixed into them.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import date
from typing import NotRequired, TypedDict

from inspektion.db.queries_stats import CampaignRow, KravCitationsRow
from inspektion.services import reference
from inspektion.services.campaign_2015 import reported_figures
from inspektion.services.stats_rollup import (
    AWAITING_ANSWER,
    STATE_LABELS,
    CampaignRows,
    KommunState,
    as_of,
    campaign_or_404,
    fetch,
    kommun_rollup,
    kommun_state,
    region_key,
    regulation_of,
)

__all__ = ["AWAITING_ANSWER", "MEETING_KINDS", "STATE_LABELS", "AreaFigures", "CampaignFigures",
           "KommunState", "LanFigures", "NationalFigures", "RegulationShare", "ReportedTotals",
           "campaign_figures", "kommun_state", "region_key", "regulation_of"]

MEETING_KINDS = {"formote": "Förmöten", "gruppsamtal": "Gruppsamtal",
                 "aterkoppling": "Återkoppling", "aterkopplande_mote": "Återkopplande möten",
                 "uppfoljning": "Uppföljning"}
NATIONAL = "Riket"


class AreaFigures(TypedDict):
    """A region's figures (or the nation's): reach against target, visits per kind, letters
    and decisions, and the final report's own figures beside them where there is one."""

    region: str
    namn: str
    kommuner: int
    target: int
    reached: int
    reported_reached: int | None
    cases: int
    visits: dict[str, int]  # per MEETING_KINDS key, and "total"
    reported_visits: int | None
    inspektionsmeddelanden: int
    krav: int
    tillsynsmeddelanden: int
    underrattelser: int
    forelagganden: int
    forelagganden_med_vite: int
    answers_overdue: int


class ReportedTotals(TypedDict):
    """The final report's national totals of letters, krav and decisions."""

    inspektionsmeddelanden: int
    krav: int
    tillsynsmeddelanden: int
    underrattelser: int
    forelagganden_med_vite: int


class NationalFigures(AreaFigures):
    region_targets_sum: int  # the regions' own targets added up (beside the national one)
    reported: NotRequired[ReportedTotals]  # only where a final report exists


class LanFigures(TypedDict):
    kod: str
    namn: str
    region: str
    kommuner: int
    reached: int
    reported_reached: int | None


class RegulationShare(TypedDict):
    """Krav citing one regulation, and their share of all krav."""

    regulation: str
    title: str
    krav: int
    share: float


class CampaignFigures(TypedDict):
    """The figures' read model: `GET /api/stats`, `inspektion stats`, the region page and the
    campaign report."""

    campaign: CampaignRow
    as_of: date
    regions: list[AreaFigures]
    national: NationalFigures
    lan: list[LanFigures]
    krav_by_regulation: list[RegulationShare]
    note: str | None  # the final report's remark on its figures


def _blank(code: str, namn: str, kommuner: int, target: int) -> AreaFigures:
    return {"region": code, "namn": namn, "kommuner": kommuner, "target": target,
            "reached": 0, "reported_reached": None, "cases": 0,
            "visits": {k: 0 for k in [*MEETING_KINDS, "total"]}, "reported_visits": None,
            "inspektionsmeddelanden": 0, "krav": 0, "tillsynsmeddelanden": 0,
            "underrattelser": 0, "forelagganden": 0, "forelagganden_med_vite": 0,
            "answers_overdue": 0}


async def campaign_figures(ref: str | int | None = None) -> CampaignFigures:
    campaign = await campaign_or_404(ref)
    cid, day = int(campaign["id"]), as_of(campaign)
    rows = await fetch(cid, day)
    regions, lan = _areas(rows)
    _add_rows(rows, regions)
    national = _national(regions, campaign)
    by_regulation = await _by_regulation(rows.krav_citations, national["krav"])
    _add_reported(campaign["name"], regions, lan, national)
    report = reported_figures(campaign["name"])
    return {"campaign": {"id": campaign["id"], "name": campaign["name"],
                         "start": campaign["start"], "end": campaign["end"],
                         "target_share": campaign["target_share"]},
            "as_of": day, "regions": list(regions.values()), "national": national,
            "lan": sorted(lan.values(), key=lambda x: (region_key(x["region"]), x["namn"])),
            "krav_by_regulation": by_regulation,
            "note": report["anmarkning"] if report else None}


def _areas(rows: CampaignRows) -> tuple[dict[str, AreaFigures], dict[str, LanFigures]]:
    """Regions and län with their municipalities, reach and cases."""
    targets = {t["region_id"]: t for t in rows.targets}
    codes = sorted({(k["region_id"], k["region"]) for k in rows.kommuner},
                   key=lambda x: region_key(x[1]))
    regions = {code: _blank(code, targets[rid]["namn"] if rid in targets else code,
                            sum(1 for k in rows.kommuner if k["region_id"] == rid),
                            int(targets[rid]["target"]) if rid in targets else 0)
               for rid, code in codes}
    rollup = kommun_rollup(rows)
    lan: dict[str, LanFigures] = {}
    for k in rows.kommuner:
        row = lan.setdefault(k["lan_kod"], {"kod": k["lan_kod"], "namn": k["lan_namn"],
                                            "region": k["region"], "kommuner": 0,
                                            "reached": 0, "reported_reached": None})
        row["kommuner"] += 1
        got = rollup.get(k["id"])
        if got:
            region = regions[k["region"]]
            region["cases"] += got["cases"]
            region["krav"] += got["krav"]
            if got["reached"]:
                row["reached"] += 1
                region["reached"] += 1
    return regions, lan


def _add_rows(rows: CampaignRows, regions: dict[str, AreaFigures]) -> None:
    region_of_kommun = {k["id"]: k["region"] for k in rows.kommuner}
    code_of = {k["region_id"]: k["region"] for k in rows.kommuner}
    for r in rows.meetings:
        visits = regions[region_of_kommun[r["kommun_id"]]]["visits"]
        visits[r["kind"]] = visits.get(r["kind"], 0) + int(r["n"])
        visits["total"] += int(r["n"])
    for d in rows.documents:
        if d["kind"] == "inspektionsmeddelande":
            regions[code_of[d["region_id"]]]["inspektionsmeddelanden"] += int(d["n"])
        elif d["kind"] == "tillsynsmeddelande":
            regions[code_of[d["region_id"]]]["tillsynsmeddelanden"] += int(d["n"])
    for x in rows.decisions:
        reg = regions[code_of[x["region_id"]]]
        if x["kind"] == "underrattelse":
            reg["underrattelser"] += int(x["n"])
        elif x["kind"] == "forelaggande":
            reg["forelagganden"] += int(x["n"])
            reg["forelagganden_med_vite"] += int(x["with_vite"] or 0)
    for o in rows.overdue:
        regions[code_of[o["region_id"]]]["answers_overdue"] += int(o["n"])


def _national(regions: dict[str, AreaFigures], campaign: CampaignRow) -> NationalFigures:
    """The regions added up; the target is the campaign's share of all municipalities."""
    total = sum(r["kommuner"] for r in regions.values())
    out = _blank(NATIONAL, "Hela landet", total, 0)
    out["target"] = math.ceil(total * float(campaign["target_share"]))
    for r in regions.values():
        # Every count but kommuner and target (set above); the reported figures come later.
        out["reached"] += r["reached"]
        out["cases"] += r["cases"]
        for kind, n in r["visits"].items():
            out["visits"][kind] = out["visits"].get(kind, 0) + n
        out["inspektionsmeddelanden"] += r["inspektionsmeddelanden"]
        out["krav"] += r["krav"]
        out["tillsynsmeddelanden"] += r["tillsynsmeddelanden"]
        out["underrattelser"] += r["underrattelser"]
        out["forelagganden"] += r["forelagganden"]
        out["forelagganden_med_vite"] += r["forelagganden_med_vite"]
        out["answers_overdue"] += r["answers_overdue"]
    return _with_targets_sum(out, sum(r["target"] for r in regions.values()))


def _with_targets_sum(a: AreaFigures, targets_sum: int) -> NationalFigures:
    """The nation's figures: the area's keys in their order, then the regions' targets."""
    return {"region": a["region"], "namn": a["namn"], "kommuner": a["kommuner"],
            "target": a["target"], "reached": a["reached"],
            "reported_reached": a["reported_reached"], "cases": a["cases"],
            "visits": a["visits"], "reported_visits": a["reported_visits"],
            "inspektionsmeddelanden": a["inspektionsmeddelanden"], "krav": a["krav"],
            "tillsynsmeddelanden": a["tillsynsmeddelanden"],
            "underrattelser": a["underrattelser"], "forelagganden": a["forelagganden"],
            "forelagganden_med_vite": a["forelagganden_med_vite"],
            "answers_overdue": a["answers_overdue"], "region_targets_sum": targets_sum}


async def _by_regulation(rows: list[KravCitationsRow], total: int) -> list[RegulationShare]:
    """Krav citing each regulation (a krav counts once per regulation), most cited first."""
    catalogue = await reference.catalogue()
    counts: dict[str, int] = defaultdict(int)
    seen: dict[str, set[str]] = {}
    for r in rows:
        text = r["citations"] or "[]"
        if text not in seen:
            seen[text] = {regulation_of(c, catalogue) for c in json.loads(text)}
        for reg in seen[text]:
            counts[reg] += int(r["n"])
    titles = {reg.id: reg.title for reg in catalogue.regulations}
    return [{"regulation": reg, "title": titles.get(reg, ""), "krav": n,
             "share": round(n / total, 4) if total else 0.0}
            for reg, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]


def _add_reported(name: str, regions: dict[str, AreaFigures], lan: dict[str, LanFigures],
                  national: NationalFigures) -> None:
    rep = reported_figures(name)
    if rep is None:
        return
    for code, reg in regions.items():
        reg["reported_reached"] = rep["nadda_per_region"].get(code)
        reg["reported_visits"] = rep["besok_per_region"].get(code)
    for kod, row in lan.items():
        row["reported_reached"] = rep["nadda_per_lan"].get(kod)
    national["reported_reached"] = rep["nadda_kommuner"]
    national["reported_visits"] = sum(rep["besok_per_region"].values())
    national["reported"] = {
        "inspektionsmeddelanden": rep["inspektionsmeddelanden"], "krav": rep["krav"],
        "tillsynsmeddelanden": rep["tillsynsmeddelanden"], "underrattelser": rep["underrattelser"],
        "forelagganden_med_vite": rep["forelagganden_med_vite"]}

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
from typing import Any

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

__all__ = ["AWAITING_ANSWER", "MEETING_KINDS", "STATE_LABELS", "KommunState", "campaign_figures",
           "kommun_state", "region_key", "regulation_of"]

MEETING_KINDS = {"formote": "Förmöten", "gruppsamtal": "Gruppsamtal",
                 "aterkoppling": "Återkoppling", "aterkopplande_mote": "Återkopplande möten",
                 "uppfoljning": "Uppföljning"}
NATIONAL = "Riket"


def _blank(code: str, namn: str, kommuner: int, target: int) -> dict[str, Any]:
    return {"region": code, "namn": namn, "kommuner": kommuner, "target": target,
            "reached": 0, "reported_reached": None, "cases": 0,
            "visits": {k: 0 for k in [*MEETING_KINDS, "total"]}, "reported_visits": None,
            "inspektionsmeddelanden": 0, "krav": 0, "tillsynsmeddelanden": 0,
            "underrattelser": 0, "forelagganden": 0, "forelagganden_med_vite": 0,
            "answers_overdue": 0}


async def campaign_figures(ref: str | int | None = None) -> dict[str, Any]:
    campaign = await campaign_or_404(ref)
    cid, day = int(campaign["id"]), as_of(campaign)
    rows = await fetch(cid, day)
    regions, lan = _areas(rows)
    _add_rows(rows, regions)
    national = _national(regions, campaign)
    by_regulation = await _by_regulation(rows.krav_citations, national["krav"])
    _add_reported(campaign["name"], regions, lan, national)
    return {"campaign": {k: campaign[k] for k in ("id", "name", "start", "end",
                                                  "target_share")},
            "as_of": day, "regions": list(regions.values()), "national": national,
            "lan": sorted(lan.values(), key=lambda x: (region_key(x["region"]), x["namn"])),
            "krav_by_regulation": by_regulation,
            "note": (reported_figures(campaign["name"]) or {}).get("anmarkning")}


def _areas(rows: CampaignRows) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Regions and län with their municipalities, reach and cases."""
    targets = {t["region_id"]: t for t in rows.targets}
    codes = sorted({(k["region_id"], k["region"]) for k in rows.kommuner},
                   key=lambda x: region_key(x[1]))
    regions = {code: _blank(code, targets.get(rid, {}).get("namn", code),
                            sum(1 for k in rows.kommuner if k["region_id"] == rid),
                            int(targets.get(rid, {}).get("target", 0)))
               for rid, code in codes}
    rollup = kommun_rollup(rows)
    lan: dict[str, dict[str, Any]] = {}
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


def _add_rows(rows: CampaignRows, regions: dict[str, dict[str, Any]]) -> None:
    region_of_kommun = {k["id"]: k["region"] for k in rows.kommuner}
    code_of = {k["region_id"]: k["region"] for k in rows.kommuner}
    for r in rows.meetings:
        visits = regions[region_of_kommun[r["kommun_id"]]]["visits"]
        visits[r["kind"]] = visits.get(r["kind"], 0) + int(r["n"])
        visits["total"] += int(r["n"])
    for r in rows.documents:
        key = {"inspektionsmeddelande": "inspektionsmeddelanden",
               "tillsynsmeddelande": "tillsynsmeddelanden"}.get(r["kind"])
        if key:
            regions[code_of[r["region_id"]]][key] += int(r["n"])
    for r in rows.decisions:
        reg = regions[code_of[r["region_id"]]]
        if r["kind"] == "underrattelse":
            reg["underrattelser"] += int(r["n"])
        elif r["kind"] == "forelaggande":
            reg["forelagganden"] += int(r["n"])
            reg["forelagganden_med_vite"] += int(r["with_vite"] or 0)
    for r in rows.overdue:
        regions[code_of[r["region_id"]]]["answers_overdue"] += int(r["n"])


def _national(regions: dict[str, dict[str, Any]], campaign: dict[str, Any]) -> dict[str, Any]:
    total = sum(r["kommuner"] for r in regions.values())
    out = _blank(NATIONAL, "Hela landet", total, 0)
    out["target"] = math.ceil(total * float(campaign["target_share"]))
    for r in regions.values():
        for key, value in r.items():
            if key == "visits":
                for kind, n in value.items():
                    out["visits"][kind] = out["visits"].get(kind, 0) + n
            elif isinstance(value, int) and key not in ("kommuner", "target"):
                out[key] += value
    out["region_targets_sum"] = sum(r["target"] for r in regions.values())
    return out


async def _by_regulation(rows: list[dict[str, Any]], total: int) -> list[dict[str, Any]]:
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


def _add_reported(name: str, regions: dict[str, dict[str, Any]], lan: dict[str, dict[str, Any]],
                  national: dict[str, Any]) -> None:
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
    national["reported"] = {k: rep[k] for k in (
        "inspektionsmeddelanden", "krav", "tillsynsmeddelanden", "underrattelser",
        "forelagganden_med_vite")}

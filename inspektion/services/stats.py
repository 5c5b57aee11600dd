"""The coordinator's figures for a campaign, per region and nationally.

Two questions steer a campaign: how much of Sweden have we reached against the target, and
where are we stuck. The figures answer both from a handful of grouped queries (db/
queries_stats.py); the coverage map draws from the same read model. Where a final report
exists for the campaign (the 2015–2017 one), its own figures are shown beside ours and never
mixed into them.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any

from inspektion import clock
from inspektion.db import queries_stats as q
from inspektion.domain.catalogue import Catalogue
from inspektion.domain.errors import NotFound
from inspektion.services import reference
from inspektion.services.campaign_2015 import reported_figures

MEETING_KINDS = {"formote": "Förmöten", "gruppsamtal": "Gruppsamtal",
                 "aterkoppling": "Återkoppling", "aterkopplande_mote": "Återkopplande möten",
                 "uppfoljning": "Uppföljning"}
AWAITING_ANSWER = ["meddelande_skickat", "tillsynsmeddelande_skickat", "komplettering_begard"]
NATIONAL = "Riket"
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
    return min(clock.today(), campaign["end"])


async def kommun_rollup(campaign_id: int) -> dict[int, dict[str, Any]]:
    """Per municipality (by id): cases, visited cases, state and open krav."""
    statuses: dict[int, list[str]] = defaultdict(list)
    out: dict[int, dict[str, Any]] = {}
    for r in await q.cases_by_kommun_status(campaign_id):
        kid = int(r["kommun_id"])
        row = out.setdefault(kid, {"cases": 0, "visited_cases": 0, "open_krav": 0})
        row["cases"] += int(r["cases"])
        row["visited_cases"] += int(r["visited"] or 0)
        statuses[kid].append(str(r["status"]))
    for r in await q.open_krav_by_kommun(campaign_id):
        out.setdefault(int(r["kommun_id"]), {"cases": 0, "visited_cases": 0, "open_krav": 0}
                       )["open_krav"] = int(r["open_krav"])
    for kid, row in out.items():
        row["state"] = kommun_state(statuses.get(kid, []))
    return out


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
    kommuner = await q.kommun_reference()
    rollup = await kommun_rollup(cid)
    targets = {t["region_id"]: t for t in await q.region_targets(cid)}
    code_of = {k["region_id"]: k["region"] for k in kommuner}
    regions: dict[str, dict[str, Any]] = {}
    for rid, code in sorted(code_of.items(), key=lambda x: region_key(x[1])):
        t = targets.get(rid, {})
        regions[code] = _blank(code, t.get("namn", code),
                               sum(1 for k in kommuner if k["region_id"] == rid),
                               int(t.get("target", 0)))
    lan: dict[str, dict[str, Any]] = {}
    for k in kommuner:
        row = lan.setdefault(k["lan_kod"], {"kod": k["lan_kod"], "namn": k["lan_namn"],
                                            "region": k["region"], "kommuner": 0,
                                            "reached": 0, "reported_reached": None})
        row["kommuner"] += 1
        got = rollup.get(k["id"])
        if got:
            regions[k["region"]]["cases"] += got["cases"]
            if got["visited_cases"]:
                row["reached"] += 1
                regions[k["region"]]["reached"] += 1
    for r in await q.meetings_by_region_kind(cid):
        visits = regions[code_of[r["region_id"]]]["visits"]
        visits[r["kind"]] = visits.get(r["kind"], 0) + int(r["n"])
        visits["total"] += int(r["n"])
    for r in await q.documents_by_region_kind(cid):
        key = {"inspektionsmeddelande": "inspektionsmeddelanden",
               "tillsynsmeddelande": "tillsynsmeddelanden"}.get(r["kind"])
        if key:
            regions[code_of[r["region_id"]]][key] += int(r["n"])
    for r in await q.decisions_by_region_kind(cid):
        reg = regions[code_of[r["region_id"]]]
        if r["kind"] == "underrattelse":
            reg["underrattelser"] += int(r["n"])
        elif r["kind"] == "forelaggande":
            reg["forelagganden"] += int(r["n"])
            reg["forelagganden_med_vite"] += int(r["with_vite"] or 0)
    for r in await q.overdue_by_region(cid, day, AWAITING_ANSWER):
        regions[code_of[r["region_id"]]]["answers_overdue"] += int(r["n"])
    krav_rows = await q.krav_by_region_citations(cid)
    for r in krav_rows:
        regions[code_of[r["region_id"]]]["krav"] += int(r["n"])
    national = _national(regions, campaign)
    by_regulation = await _by_regulation(krav_rows, national["krav"])
    _add_reported(campaign["name"], regions, lan, national)
    return {"campaign": {k: campaign[k] for k in ("id", "name", "start", "end",
                                                  "target_share")},
            "as_of": day, "regions": list(regions.values()), "national": national,
            "lan": sorted(lan.values(), key=lambda x: (region_key(x["region"]), x["namn"])),
            "krav_by_regulation": by_regulation,
            "note": (reported_figures(campaign["name"]) or {}).get("anmarkning")}


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
    for r in rows:
        regs = {regulation_of(c, catalogue) for c in json.loads(r["citations"] or "[]")}
        for reg in regs:
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

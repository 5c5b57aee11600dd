"""The maps' frozen views (maps/model.py), assembled from the figures' queries (never from
tables here); the maps draw them and read nothing themselves."""

from __future__ import annotations

import json
import math
from typing import Any

from inspektion.db.queries_stats import CampaignRow, KommunRef, RegionTarget
from inspektion.domain.errors import InvalidInput
from inspektion.domain.krav import EFFEKTMAL
from inspektion.maps.model import CoverageView, KravView, frozen, frozen_rows
from inspektion.services import reference
from inspektion.services.campaign_2015 import reported_figures
from inspektion.services.stats_rollup import (
    STATE_LABELS,
    KommunState,
    as_of,
    campaign_or_404,
    fetch,
    kommun_rollup,
    region_key,
    regulation_of,
)


def _regions(kommuner: list[KommunRef], targets: list[RegionTarget],
             reached: set[int], campaign: CampaignRow) -> list[dict[str, Any]]:
    rep = reported_figures(campaign["name"])
    out = []
    for t in targets:
        members = [k for k in kommuner if k["region_id"] == t["region_id"]]
        out.append({"region": t["region"], "namn": t["namn"], "kommuner": len(members),
                    "target": int(t["target"]),
                    "reached": sum(1 for k in members if k["id"] in reached),
                    "reported_reached": rep["nadda_per_region"].get(t["region"]) if rep
                    else None})
    return out


async def coverage_view(ref: str | int | None) -> CoverageView:
    """Every municipality with its state in the campaign, and the progress against target."""
    campaign = await campaign_or_404(ref)
    rows_in = await fetch(int(campaign["id"]), as_of(campaign))
    kommuner = rows_in.kommuner
    rollup = kommun_rollup(rows_in)
    rows = []
    for k in kommuner:
        got = rollup.get(k["id"])
        state = got["state"] if got else KommunState.EJ_BESOKT
        rows.append({"kommunkod": k["kommunkod"], "namn": k["namn"], "lan": k["lan_namn"],
                     "region": k["region"], "cases": got["cases"] if got else 0,
                     "visits": got["visits"] if got else 0,
                     "open_krav": got["open_krav"] if got else 0,
                     "state": state.value, "state_label": STATE_LABELS[state]})
    reached = {kid for kid, r in rollup.items() if r["reached"]}
    targets = sorted(rows_in.targets, key=lambda t: region_key(t["region"]))
    regions = _regions(kommuner, targets, reached, campaign)
    rep = reported_figures(campaign["name"])
    national = {"kommuner": len(kommuner), "reached": len(reached),
                "target": math.ceil(len(kommuner) * float(campaign["target_share"])),
                "reported_reached": rep["nadda_kommuner"] if rep else None}
    counts = {s.value: sum(1 for r in rows if r["state"] == s.value) for s in KommunState}
    return CoverageView(campaign=frozen(campaign), as_of=as_of(campaign),
                        kommuner=frozen_rows(rows), regions=frozen_rows(regions),
                        national=frozen(national), state_counts=frozen(counts),
                        note=rep["anmarkning"] if rep else None)


async def _choice(regulation: str | None, effektmal: int | None) -> tuple[str, str, str | int]:
    if (regulation is None) == (effektmal is None):
        raise InvalidInput("Välj antingen en föreskrift (regulation) eller ett effektmål "
                           "(effektmal).", "regulation")
    if effektmal is not None:
        if effektmal not in EFFEKTMAL:
            raise InvalidInput("Effektmål måste vara 1, 2, 3 eller 4.", "effektmal")
        return "effektmal", f"Effektmål {effektmal}: {EFFEKTMAL[effektmal]}", effektmal
    catalogue = await reference.catalogue()
    wanted = (regulation or "").strip()
    reg = catalogue.regulation(wanted)
    if reg is None:
        raise InvalidInput(f"Föreskriften {wanted!r} finns inte i regelkatalogen.",
                           "regulation")
    return "regulation", f"{reg.id} {reg.title}", reg.id


async def krav_view(ref: str | int | None, regulation: str | None = None,
                    effektmal: int | None = None) -> KravView:
    """Where krav of one regulation or effektmål were set, among inspected municipalities."""
    kind, title, value = await _choice(regulation, effektmal)
    campaign = await campaign_or_404(ref)
    rows_in = await fetch(int(campaign["id"]), as_of(campaign), krav_detail=True)
    kommuner = rows_in.kommuner
    rollup = kommun_rollup(rows_in)
    catalogue = await reference.catalogue()
    matching: dict[int, int] = {}
    for r in rows_in.krav:
        if kind == "effektmal":
            hit = r["effektmal"] is not None and int(r["effektmal"]) == value
        else:
            hit = any(regulation_of(c, catalogue) == value
                      for c in json.loads(r["citations"] or "[]"))
        if hit:
            kid = int(r["kommun_id"])
            matching[kid] = matching.get(kid, 0) + int(r["n"])
    inspected = {kid for kid, r in rollup.items() if r["reached"]}
    rows = [{"kommunkod": k["kommunkod"], "namn": k["namn"], "lan": k["lan_namn"],
             "region": k["region"], "inspected": k["id"] in inspected,
             "krav": matching.get(k["id"], 0)} for k in kommuner]
    regions = []
    for code in sorted({k["region"] for k in kommuner}, key=region_key):
        mine = [r for r in rows if r["region"] == code and r["inspected"]]
        hits = sum(1 for r in mine if r["krav"])
        regions.append({"region": code, "inspected": len(mine), "with_krav": hits,
                        "share": round(hits / len(mine), 4) if mine else None})
    done = [r for r in rows if r["inspected"]]
    hits = sum(1 for r in done if r["krav"])
    return KravView(campaign=frozen(campaign), as_of=as_of(campaign), choice=kind, value=value,
                    title=title, kommuner=frozen_rows(rows), regions=frozen_rows(regions),
                    national=frozen({"inspected": len(done), "with_krav": hits,
                                     "share": round(hits / len(done), 4) if done else None}))

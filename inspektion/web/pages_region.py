"""The coordinator's region page: target progress, the coverage map, where work is stuck.

The campaign figures come from `services.stats` (the same read model as `GET /api/stats` and
the map); the lists of the region's cases from `services.cases.list_cases`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template

from inspektion import clock
from inspektion.db.queries_cases import CaseListRow
from inspektion.domain.access import Actor, require_role
from inspektion.domain.errors import InvalidInput
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.reminder_rules import answer_overdue
from inspektion.domain.roles import Role
from inspektion.services import campaigns, users
from inspektion.services.stats import campaign_figures
from inspektion.web.case_lists import case_list
from inspektion.web.context import render
from inspektion.web.excel_csv import excel_csv
from inspektion.web.views import all_cases

Req = Request[Any, Any, Any]
MAP_PATH = "/api/maps/coverage"


async def chosen_campaign(campaign_id: int | None) -> campaigns.CampaignOut:
    """The chosen campaign, else the one running today, else the newest."""
    found = await campaigns.list_campaigns()
    if not found:
        raise InvalidInput("Det finns ingen kampanj ännu.", "campaign_id")
    if campaign_id is not None:
        chosen = next((c for c in found if c.id == campaign_id), None)
        if chosen is None:
            raise InvalidInput(f"Kampanj {campaign_id} finns inte.", "campaign_id")
        return chosen
    today = clock.today()
    return next((c for c in found if c.start <= today <= c.end), found[0])


def _overdue(row: CaseListRow, today: date) -> bool:
    """The employer's answer is late, by the domain's one rule (`answer_overdue`)."""
    return answer_overdue(CaseStatus(row["status"]), row["svar_senast"], today)


async def region_view(actor: Actor, campaign_id: int | None) -> dict[str, Any]:
    require_role(actor, Role.SAMORDNARE)
    campaign = await chosen_campaign(campaign_id)
    figures = await campaign_figures(campaign.id)
    mine = next((r for r in figures["regions"] if r["region"] == actor.region), None)
    rows = await all_cases(actor, campaign_id=campaign.id)
    today = clock.today()
    per_state = Counter(r["status"] for r in rows)
    people = [u for u in await users.list_users(actor) if u.role == Role.INSPEKTOR.value]
    per_person = []
    for u in people:
        theirs = [r for r in rows if u.username in (r["inspektor1"], r["inspektor2"])]
        per_person.append({"username": u.username, "name": u.display_name,
                           "open": sum(1 for r in theirs if r["status"] != "avslutad"),
                           "total": len(theirs)})
    return {
        "campaign": campaign, "campaigns": await campaigns.list_campaigns(),
        "figures": figures, "region": mine, "national": figures["national"],
        "cases": rows, "overdue": sorted([r for r in rows if _overdue(r, today)],
                                         key=lambda r: r["svar_senast"]),
        "per_state": [(s.label, per_state[s.value]) for s in CaseStatus if per_state[s.value]],
        "per_person": per_person,
        "unassigned": [r for r in rows if not r["inspektor1"] or not r["inspektor2"]],
    }


@get("/region", include_in_schema=False)
async def region_page(request: Req, actor: NamedDependency[Actor],
                      campaign_id: FromQuery[int | None] = None) -> Template:
    view = await region_view(actor, campaign_id)
    campaign: campaigns.CampaignOut = view["campaign"]
    params = {"campaign_id": str(campaign.id), **dict(request.query_params)}
    listing = await case_list(actor, "/region", params, anchor="arenden")
    has_map = any(route.path == MAP_PATH for route in request.app.routes)
    share = None
    if view["region"] and view["region"]["target"]:
        share = view["region"]["reached"] / view["region"]["target"]
    return await render(request, "region.html", title=f"Region {actor.region}",
                        map_url=f"{MAP_PATH}?campaign_id={campaign.id}"
                        if has_map else None, share=share, listing=listing, **view)


REGION_MEASURES = [
    ("kommuner", "Kommuner i regionen"), ("target", "Mål: kommuner att nå"),
    ("reached", "Kommuner nådda"), ("reported_reached", "Kommuner nådda enligt rapport"),
    ("cases", "Ärenden"), ("inspektionsmeddelanden", "Inspektionsmeddelanden"),
    ("krav", "Krav"), ("tillsynsmeddelanden", "Tillsynsmeddelanden"),
    ("underrattelser", "Underrättelser"), ("forelagganden", "Förelägganden"),
    ("forelagganden_med_vite", "Förelägganden med vite"),
    ("answers_overdue", "Försenade svar"), ("reported_visits", "Besök enligt rapport"),
]
VISIT_LABELS = {"formote": "Förmöten", "gruppsamtal": "Gruppsamtal",
                "aterkoppling": "Återkopplingar", "aterkopplande_mote": "Återkopplande möten",
                "uppfoljning": "Uppföljningsbesök", "total": "Besök totalt"}
CSV_HEADER = ["Avsnitt", "Område", "Mått", "Värde"]


def region_rows(region: str, view: dict[str, Any]) -> list[list[Any]]:
    """The region's own figures and lists, with Swedish labels; nothing of other regions."""
    rows: list[list[Any]] = []
    mine = view["region"]
    if mine:
        for key, label in REGION_MEASURES:
            rows.append(["Region", region, label, mine[key]])
        if mine["target"]:
            rows.append(["Region", region, "Andel av målet nådd",
                         mine["reached"] / mine["target"]])
        for kind, n in mine["visits"].items():
            rows.append(["Besök", region, VISIT_LABELS.get(kind, kind), n])
    for lan in view["figures"]["lan"]:
        if lan["region"] == region:
            rows.append(["Län", lan["namn"], "Kommuner", lan["kommuner"]])
            rows.append(["Län", lan["namn"], "Kommuner nådda", lan["reached"]])
    for label, n in view["per_state"]:
        rows.append(["Ärenden per status", region, label, n])
    for p in view["per_person"]:
        rows.append(["Öppna ärenden per inspektör", region, p["name"] or p["username"],
                     p["open"]])
    for r in view["overdue"]:
        rows.append(["Försenat svar", r["diarienummer"], r["kommun"], str(r["svar_senast"])])
    return rows


@get("/region/siffror.csv", include_in_schema=False, media_type="text/csv")
async def region_csv(actor: NamedDependency[Actor],
                     campaign_id: FromQuery[int | None] = None) -> Response[bytes]:
    """The region's figures for Swedish Excel (semicolons, decimal comma, BOM)."""
    view = await region_view(actor, campaign_id)
    region = actor.region or ""
    name = f"siffror-{region}-kampanj-{view['campaign'].id}.csv"
    return Response(excel_csv(CSV_HEADER, region_rows(region, view)),
                    media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


__all__ = ["region_csv", "region_page"]

"""The coordinator's region page: target progress, the coverage map, where work is stuck.

The campaign figures come from `services.stats` (the same read model as `GET /api/stats` and
the map); the lists of the region's cases from `services.cases.list_cases`.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template

from inspektion import clock
from inspektion.domain.access import Actor, require_role
from inspektion.domain.errors import InvalidInput
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.roles import Role
from inspektion.services import campaigns, users
from inspektion.services.stats import AWAITING_ANSWER, campaign_figures
from inspektion.services.stats_cli import render_csv
from inspektion.web.case_lists import case_list
from inspektion.web.context import render
from inspektion.web.views import all_cases

Req = Request[Any, Any, Any]
MAP_PATH = "/api/maps/coverage"


async def _campaign(campaign_id: int | None) -> dict[str, Any]:
    """The chosen campaign, else the one running today, else the newest."""
    found = await campaigns.list_campaigns()
    if not found:
        raise InvalidInput("Det finns ingen kampanj ännu.", "campaign_id")
    if campaign_id is not None:
        chosen = next((c for c in found if c["id"] == campaign_id), None)
        if chosen is None:
            raise InvalidInput(f"Kampanj {campaign_id} finns inte.", "campaign_id")
        return chosen
    today = clock.today()
    return next((c for c in found if c["start"] <= today <= c["end"]), found[0])


def _overdue(row: dict[str, Any], today: date) -> bool:
    """As the figures count it: an answer awaited in one of the stats' states, now late."""
    return bool(row["status"] in AWAITING_ANSWER and row["svar_senast"]
                and row["svar_senast"] < today)


async def region_view(actor: Actor, campaign_id: int | None) -> dict[str, Any]:
    require_role(actor, Role.SAMORDNARE)
    campaign = await _campaign(campaign_id)
    figures = await campaign_figures(int(campaign["id"]))
    mine = next((r for r in figures["regions"] if r["region"] == actor.region), None)
    rows = await all_cases(actor, campaign_id=int(campaign["id"]))
    today = clock.today()
    per_state = Counter(r["status"] for r in rows)
    people = [u for u in await users.list_users(actor) if u["role"] == Role.INSPEKTOR.value]
    per_person = []
    for u in people:
        theirs = [r for r in rows if u["username"] in (r["inspektor1"], r["inspektor2"])]
        per_person.append({"username": u["username"], "name": u["display_name"],
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
    params = {"campaign_id": str(view["campaign"]["id"]), **dict(request.query_params)}
    listing = await case_list(actor, "/region", params, anchor="arenden")
    has_map = any(route.path == MAP_PATH for route in request.app.routes)
    share = None
    if view["region"] and view["region"]["target"]:
        share = view["region"]["reached"] / view["region"]["target"]
    return await render(request, "region.html", title=f"Region {actor.region}",
                        map_url=f"{MAP_PATH}?campaign_id={view['campaign']['id']}"
                        if has_map else None, share=share, listing=listing, **view)


@get("/region/siffror.csv", include_in_schema=False, media_type="text/csv")
async def region_csv(actor: NamedDependency[Actor],
                     campaign_id: FromQuery[int | None] = None) -> Response[bytes]:
    """The campaign's figures (as `inspektion stats --format csv`) and the region's lists."""
    view = await region_view(actor, campaign_id)
    buf = io.StringIO()
    buf.write(render_csv(view["figures"]))
    w = csv.writer(buf, lineterminator="\n")
    for label, n in view["per_state"]:
        w.writerow(["arenden_per_status", actor.region, label, n])
    for p in view["per_person"]:
        w.writerow(["oppna_arenden_per_inspektor", actor.region, p["username"], p["open"]])
    w.writerow(["forsenade_svar_lista", actor.region, "arenden", len(view["overdue"])])
    name = f"siffror-{actor.region}-kampanj-{view['campaign']['id']}.csv"
    return Response(("\ufeff" + buf.getvalue()).encode("utf-8"),
                    media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


__all__ = ["region_csv", "region_page"]

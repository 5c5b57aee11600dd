"""The effect page: which effektmål moved, where, and how sure we are — on one page.

The figures are `services.effekt.campaign_effekt`, the same read model as
`GET /api/campaigns/{id}/effekt` and the campaign report, so the three cannot disagree. The
report itself is downloaded from here as DOCX or PDF.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template

from inspektion.domain.access import Actor
from inspektion.domain.effekt import OUTCOME_LABELS, Effect, KravOutcome
from inspektion.services.effekt import EffektResult, campaign_effekt
from inspektion.services.stats_rollup import region_key
from inspektion.web.context import render
from inspektion.web.pages_region import chosen_campaign

Req = Request[Any, Any, Any]
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf"}


def signed(value: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:+.2f}".replace(".", ",")
    return text.replace("-", "−")


def two(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


def region_rows(result: EffektResult) -> list[tuple[str, list[Effect | None]]]:
    """Region by effektmål, for the page's "Var?" table: a region appears only where some
    group may be shown; a goal without groups there is None."""
    by_region: dict[str, dict[int, Effect]] = {}
    for g in result.goals:
        for p in g.regions:
            if not p.effect.suppressed:
                by_region.setdefault(p.key, {})[g.effektmal] = p.effect
    return [(r, [by_region[r].get(g.effektmal) for g in result.goals])
            for r in sorted(by_region, key=region_key)]


@get("/effekt", include_in_schema=False)
async def effekt_page(request: Req, actor: NamedDependency[Actor],
                      campaign_id: FromQuery[int | None] = None) -> Template:
    from inspektion.services import campaigns

    campaign = await chosen_campaign(campaign_id)
    result = await campaign_effekt(campaign.id)
    return await render(request, "effekt.html", title=f"Effekt per effektmål – {result.campaign}",
                        campaign=campaign, campaigns=await campaigns.list_campaigns(),
                        result=result, outcomes=[(o.value, OUTCOME_LABELS[o])
                                                 for o in KravOutcome],
                        region_rows=region_rows(result), signed=signed, two=two)


async def _report(fmt: str, campaign_id: int | None) -> Response[bytes]:
    """The campaign report, written from the data at the moment it is asked for."""
    campaign = await chosen_campaign(campaign_id)
    # The charts and the file are made in a worker process, which alone imports matplotlib,
    # ReportLab and python-docx (services/reports.py): the event loop never waits for them.
    from inspektion.services.reports import write_report

    data = await write_report(campaign.id, fmt)
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="kampanjrapport-{campaign.id}.{fmt}"'})


@get("/effekt/rapport.docx", include_in_schema=False)
async def effekt_report_docx(actor: NamedDependency[Actor],
                             campaign_id: FromQuery[int | None] = None) -> Response[bytes]:
    return await _report("docx", campaign_id)


@get("/effekt/rapport.pdf", include_in_schema=False)
async def effekt_report_pdf(actor: NamedDependency[Actor],
                            campaign_id: FromQuery[int | None] = None) -> Response[bytes]:
    return await _report("pdf", campaign_id)


__all__ = ["effekt_page", "effekt_report_docx", "effekt_report_pdf"]

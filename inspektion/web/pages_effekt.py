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
from inspektion.domain.effekt import OUTCOME_LABELS, KravOutcome
from inspektion.services.effekt import campaign_effekt
from inspektion.web.context import render
from inspektion.web.pages_region import _campaign

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


@get("/effekt", include_in_schema=False)
async def effekt_page(request: Req, actor: NamedDependency[Actor],
                      campaign_id: FromQuery[int | None] = None) -> Template:
    from inspektion.services import campaigns

    campaign = await _campaign(campaign_id)
    result = await campaign_effekt(campaign.id)
    return await render(request, "effekt.html", title=f"Effekt per effektmål – {result.campaign}",
                        campaign=campaign, campaigns=await campaigns.list_campaigns(),
                        result=result, outcomes=[(o.value, OUTCOME_LABELS[o])
                                                 for o in KravOutcome],
                        signed=signed, two=two)


async def _report(fmt: str, campaign_id: int | None) -> Response[bytes]:
    """The campaign report, written from the data at the moment it is asked for."""
    campaign = await _campaign(campaign_id)
    # Imported on the first report: it pulls in matplotlib, ReportLab and python-docx (about
    # 1 s of CPU), which no other page needs, so the app starts without them (issue 17).
    from inspektion.services.campaign_report import write_report

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

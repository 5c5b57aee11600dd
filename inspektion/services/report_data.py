"""What the campaign report is written from, read on the event loop (services/reports.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspektion import clock
from inspektion.maps.model import CoverageView
from inspektion.services.effekt import EffektResult, campaign_effekt
from inspektion.services.map_views import coverage_view
from inspektion.services.stats import CampaignFigures, campaign_figures


@dataclass(frozen=True)
class ReportData:
    """What the report is written from; pickled into the worker process, so the day it is
    written on travels with it (a worker reads no clock of this process)."""

    fig: CampaignFigures
    cov: CoverageView
    eff: EffektResult
    today: date


async def report_data(ref: str | int | None) -> ReportData:
    fig = await campaign_figures(ref)
    cid = int(fig["campaign"]["id"])
    return ReportData(fig, await coverage_view(cid), await campaign_effekt(cid), clock.today())

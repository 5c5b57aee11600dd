"""The campaign report made off the event loop.

The data is read on the loop (services/report_data.py: three read models); the charts
(matplotlib) and the file (ReportLab, python-docx) are made in a worker process
(services/offload.py). On the loop they held every other request for 6–9 s, and importing
them took another 1–2 s at the first report; so this module imports none of them, and the
worker imports services/campaign_report itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspektion.services import offload
from inspektion.services.report_data import ReportData, report_data

if TYPE_CHECKING:
    from inspektion.documents.report_render import Report


def _compose(data: ReportData) -> Report:
    from inspektion.services.campaign_report import compose_report

    return compose_report(data)


def _write(data: ReportData, fmt: str) -> bytes:
    from inspektion.services.campaign_report import write_file

    return write_file(data, fmt)


async def build_report(ref: str | int | None) -> Report:
    """The report's blocks, for reading its text (tests)."""
    return await offload.rendering(_compose, await report_data(ref))


async def write_report(ref: str | int | None, fmt: str) -> bytes:
    """The campaign report as PDF (fmt "pdf") or DOCX."""
    return await offload.rendering(_write, await report_data(ref), fmt)

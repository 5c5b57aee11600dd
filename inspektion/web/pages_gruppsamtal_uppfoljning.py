"""The gruppsamtal form again at the uppföljningsbesök: the same questionnaire and the same
offline-safe form, sent to the follow-up service, with the case's first areas of work offered
so the two conversations link up."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.reference.files import read_scale_labels
from inspektion.services import cases, gruppsamtal_uppfoljning, meetings
from inspektion.web.context import render
from inspektion.web.pages_gruppsamtal import submit_group

Req = Request[Any, Any, Any]


@get("/arenden/{case_id:int}/gruppsamtal-uppfoljning", include_in_schema=False)
async def follow_up_form(request: Req, case_id: FromPath[int], actor: NamedDependency[Actor]
                         ) -> Template:
    case = await cases.case_detail(actor, case_id)
    questions = meetings.questionnaire()
    areas = [(area, list(qs)) for area, qs in groupby(questions, key=lambda q: q.area)]
    settings = load_settings()
    scale = list(range(questions[0].scale_min, questions[0].scale_max + 1)) if questions else []
    option = next((o for o in case["next_steps"] if o["step"] == "uppfoljning"), None)
    first_areas = sorted({str(g["arbetsomrade"]) for g in case["gruppsamtal"]})
    return await render(
        request, "gruppsamtal.html", title=f"Gruppsamtal vid uppföljningen – "
        f"{case['diarienummer']}", case=case, areas=areas, scale=scale,
        labels=read_scale_labels(settings.fixtures_dir), option=option,
        question_ids=[q.id for q in questions], area_suggestions=first_areas,
        min_group=settings.min_group_size, heading="Gruppsamtal vid uppföljningen",
        endpoint=f"/arenden/{case_id}/gruppsamtal-uppfoljning",
        follow_up_hint="Välj samma arbetsområde som vid det första gruppsamtalet: "
                       + (", ".join(first_areas) or "ärendet har inget ännu") + ".")


@post("/arenden/{case_id:int}/gruppsamtal-uppfoljning", include_in_schema=False,
      status_code=201)
async def follow_up_submit(request: Req, case_id: FromPath[int]) -> Response[dict[str, Any]]:
    return await submit_group(request, case_id, gruppsamtal_uppfoljning.record_follow_up)


__all__ = ["follow_up_form", "follow_up_submit"]

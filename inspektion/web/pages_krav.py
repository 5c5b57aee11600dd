"""Choosing the rule in force for a krav whose cited rule has been repealed.

A letter refuses a krav whose rule has no successor on its date and asks the inspector to
choose the rule that applies; this page is where that is done.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inspektion.domain.access import Actor
from inspektion.domain.errors import Conflict, InvalidInput, StepRefused
from inspektion.http.status import status_for
from inspektion.services import cases, krav
from inspektion.web.context import render
from inspektion.web.forms import error_context, optional_int, read_form
from inspektion.web.steps import citable_groups

Req = Request[Any, Any, Any]


async def _page(request: Req, actor: Actor, case_id: int, krav_id: int, status: int = 200,
                values: dict[str, Any] | None = None, **context: Any) -> Template:
    case = await cases.case_detail(actor, case_id)
    row = next((k for k in case["krav"] if k["id"] == krav_id), None)
    if row is None:
        raise NotFoundException()
    chosen = list(values.get("citations") or []) if values else list(row["citations"])
    return await render(request, "krav_hanvisningar.html", status_code=status,
                        title=f"Hänvisningar för krav {row['number']} – {case['diarienummer']}",
                        case=case, krav=row, regulations=list((await citable_groups()).values()),
                        values={"citations": chosen, "version": str(case["version"])},
                        **{"errors": {}, "form_error": None, **context})


@get("/arenden/{case_id:int}/krav/{krav_id:int}/hanvisningar", include_in_schema=False)
async def citations_form(request: Req, case_id: FromPath[int], krav_id: FromPath[int],
                         actor: NamedDependency[Actor]) -> Template:
    return await _page(request, actor, case_id, krav_id)


@post("/arenden/{case_id:int}/krav/{krav_id:int}/hanvisningar", include_in_schema=False,
      status_code=303)
async def citations_submit(request: Req, case_id: FromPath[int], krav_id: FromPath[int],
                           actor: NamedDependency[Actor]) -> Response[Any]:
    values = await read_form(request)
    try:
        await krav.change_citations(actor, krav.ChangeCitations(
            case_id, optional_int(values, "version", "Version"), krav_id,
            tuple(values.get("citations") or [])))
    except (InvalidInput, StepRefused, Conflict) as exc:
        return await _page(request, actor, case_id, krav_id, status=status_for(exc),
                           values=values, **error_context(exc, {"citations"}))
    return Redirect(f"/arenden/{case_id}?klart=hanvisningar", status_code=303)


__all__ = ["citations_form", "citations_submit"]

"""The search page behind the header's search field: a diarienummer opens its case."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.response import Redirect

from inspektion.domain.access import Actor, visible_region
from inspektion.services import cases
from inspektion.web.case_lists import case_list
from inspektion.web.context import render

Req = Request[Any, Any, Any]


@get("/sok", include_in_schema=False)
async def search_page(request: Req, actor: NamedDependency[Actor]) -> Response[Any]:
    visible_region(actor)  # the administrator reads no cases
    params = dict(request.query_params)
    view = await case_list(actor, "/sok", params)
    q = view.values.get("q", "")
    if (q and cases.diarienummer_in(q) and len(view.rows) == 1 and not params.get("sida")
            and not view.errors):
        return Redirect(f"/arenden/{view.rows[0]['id']}", status_code=303)
    return await render(request, "sok.html", title="Sök ärenden", view=view)


__all__ = ["search_page"]

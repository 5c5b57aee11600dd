"""The jurist's decision desk (the escalation queue, the decision letters and whether they
are served) and dismissing one's reminders."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inspektion.domain.access import Actor, require_role
from inspektion.domain.roles import Role
from inspektion.services import reminders
from inspektion.services.escalation_queue import QueueRow
from inspektion.web.case_lists import case_list
from inspektion.web.context import HOME, render
from inspektion.web.forms import read_form, text
from inspektion.web.steps import STEP_FORMS
from inspektion.web.views import decision_letters

Req = Request[Any, Any, Any]


class QueueLine(QueueRow):
    """A row of the queue, with the link to the form of the step it proposes (if a form)."""

    action_href: str | None


@get("/juridik", include_in_schema=False)
async def jurist_page(request: Req, actor: NamedDependency[Actor]) -> Template:
    require_role(actor, Role.JURIST)
    queue: list[QueueLine] = []
    for row in await reminders.escalation_queue(actor):
        spec = STEP_FORMS.get(row["proposal"])
        queue.append({**row, "action_href": spec.href(row["case_id"]) if spec else None})
    view = await case_list(actor, "/juridik", dict(request.query_params), anchor="alla-arenden")
    return await render(request, "juridik.html", title="Beslutsdesk – eskaleringskön",
                        queue=queue, letters=await decision_letters(actor), view=view)


@post("/paminnelser/{reminder_id:int}/avfarda", include_in_schema=False, status_code=303)
async def dismiss_reminder(request: Req, reminder_id: FromPath[int],
                           actor: NamedDependency[Actor]) -> Response[Any]:
    await reminders.dismiss(actor, reminder_id)
    back = text(await read_form(request), "tillbaka")
    safe = back if back.startswith("/") and not back.startswith("//") else HOME[actor.role]
    return Redirect(safe, status_code=303)


__all__ = ["dismiss_reminder", "jurist_page"]

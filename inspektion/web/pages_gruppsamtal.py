"""The gruppsamtal form for a tablet in a meeting room.

The browser keeps every participant's answers (localStorage) until the server confirms the
whole group, and sends them again with the same client key after a dropped connection; the
service returns the first result for a repeated key, so nothing is stored twice. The answer
to the browser is the compiled summary, never one person's answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from itertools import groupby
from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.domain.errors import DomainError, InvalidInput, NotAuthenticated
from inspektion.http.status import status_for
from inspektion.reference.files import read_scale_labels
from inspektion.services import cases, meetings
from inspektion.services.step_frame import parse_date
from inspektion.web.context import render
from inspektion.web.security import page_actor

Req = Request[Any, Any, Any]
AREAS = ["Barn och unga", "Vuxna och missbruk", "Ekonomiskt bistånd", "Social jour",
         "Äldre och funktionsnedsättning", "Mottagning och utredning"]


@get("/arenden/{case_id:int}/gruppsamtal", include_in_schema=False)
async def gruppsamtal_form(request: Req, case_id: FromPath[int], actor: NamedDependency[Actor]
                           ) -> Template:
    case = await cases.case_detail(actor, case_id)
    questions = meetings.questionnaire()
    areas = [(area, list(qs)) for area, qs in groupby(questions, key=lambda q: q.area)]
    settings = load_settings()
    labels = read_scale_labels(settings.fixtures_dir)
    scale = list(range(questions[0].scale_min, questions[0].scale_max + 1)) if questions else []
    option = next((o for o in case["next_steps"] if o["step"] == "gruppsamtal"), None)
    return await render(request, "gruppsamtal.html", title=f"Gruppsamtal – {case['diarienummer']}",
                        case=case, areas=areas, scale=scale, labels=labels, option=option,
                        question_ids=[q.id for q in questions], area_suggestions=AREAS,
                        min_group=settings.min_group_size)


def _json_error(exc: DomainError) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {"ok": False, "detail": str(exc)}
    if isinstance(exc, InvalidInput) and exc.field:
        body["field"] = exc.field
    return Response(body, status_code=status_for(exc))


@post("/arenden/{case_id:int}/gruppsamtal", include_in_schema=False, status_code=201)
async def gruppsamtal_submit(request: Req, case_id: FromPath[int]) -> Response[dict[str, Any]]:
    """JSON in, JSON out: {date, arbetsomrade, responses, client_key, version}."""
    return await submit_group(request, case_id, meetings.record_gruppsamtal)


Record = Callable[[Actor, meetings.RecordGruppsamtal], Awaitable[meetings.GruppsamtalRecorded]]


async def submit_group(request: Req, case_id: int, record: Record) -> Response[dict[str, Any]]:
    """The form's submission, for the first gruppsamtal or the one at the follow-up."""
    try:
        actor = await page_actor(request)
        raw = await request.json()
        if not isinstance(raw, dict):
            raise InvalidInput("Svaret kunde inte läsas.", "responses")
        ver = raw.get("version")
        key = raw.get("client_key")
        if not isinstance(key, str) or not 8 <= len(key) <= 64:
            raise InvalidInput("Formulärets nyckel saknas; ladda om sidan.", "client_key")
        day, responses = raw.get("date"), raw.get("responses")
        # An empty list is refused by the service, with the same message as a missing one.
        out = await record(actor, meetings.RecordGruppsamtal(
            case_id, ver if isinstance(ver, int) else None,
            parse_date(day, "date") if day not in (None, "") else None,
            str(raw.get("arbetsomrade") or ""),
            tuple(responses) if isinstance(responses, list) else (), key))
    except NotAuthenticated as exc:
        return Response({"ok": False, "detail": str(exc), "login": True}, status_code=401)
    except DomainError as exc:
        return _json_error(exc)
    except ValueError:
        return Response({"ok": False, "detail": "Svaret kunde inte läsas som JSON."},
                        status_code=400)
    engine = request.app.template_engine
    assert engine is not None
    html = engine.get_template("_sammanstallning.html").render(
        {"g": {"respondents": out.respondents, "summary": out.summary,
               "reason": out.reason, "arbetsomrade": str(raw.get("arbetsomrade") or "")}})
    return Response({"ok": True, "version": out.version, "repeated": out.repeated,
                     "respondents": out.respondents, "summary_html": html},
                    status_code=200 if out.repeated else 201)


__all__ = ["gruppsamtal_form", "gruppsamtal_submit"]

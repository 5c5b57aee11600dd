"""Min kalender, the private iCalendar feed, and the planned visits of a case.

The feed's address carries the secret; it is shown once, right after it is made (only its
hash is stored). Anyone with the address can read the feed, so the page says so and offers
to revoke it; a revoked or unknown address answers 404.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inspektion import clock
from inspektion.documents.calendar import render_ical
from inspektion.documents.swedish import swedish_month
from inspektion.domain.access import Actor
from inspektion.domain.bevakning import PLANNED_KINDS
from inspektion.domain.errors import DomainError
from inspektion.http.status import status_for
from inspektion.services import bevakning
from inspektion.web.context import render
from inspektion.web.forms import read_form, text, version

Req = Request[Any, Any, Any]
FEED_PATH = "/kalender/ical/"
KIND_LABELS = {"besok": "Besök", "svarsdatum": "Svarsdatum", "beslut": "Beslut"}


def _base(request: Req) -> str:
    return str(request.base_url).rstrip("/")


async def _page(request: Req, actor: Actor, feed_url: str | None = None,
                notice: str | None = None) -> Template:
    items = await bevakning.calendar(actor)
    today = clock.today()
    groups = [list(g) for _, g in groupby(items, key=lambda i: (i.day.year, i.day.month))]
    months = [(swedish_month(g[0].day), g) for g in groups]
    return await render(request, "kalender.html", title="Min kalender", months=months,
                        today=today, kind_labels=KIND_LABELS, feed_url=feed_url,
                        has_feed=await bevakning.has_feed(actor), notice=notice)


@get("/kalender", include_in_schema=False)
async def calendar_page(request: Req, actor: NamedDependency[Actor]) -> Template:
    return await _page(request, actor)


@post("/kalender/flode", include_in_schema=False, status_code=200)
async def feed_create(request: Req, actor: NamedDependency[Actor]) -> Template:
    token = await bevakning.new_feed_token(actor)
    return await _page(request, actor, feed_url=f"{_base(request)}{FEED_PATH}{token}",
                       notice="En ny prenumerationsadress är skapad. Tidigare adresser gäller "
                              "inte längre.")


@post("/kalender/flode/aterkalla", include_in_schema=False, status_code=303)
async def feed_revoke(request: Req, actor: NamedDependency[Actor]) -> Response[Any]:
    await bevakning.revoke_feed(actor)
    return Redirect("/kalender?aterkallad=1", status_code=303)


@get(FEED_PATH + "{token:str}", include_in_schema=False, media_type="text/calendar")
async def feed(request: Req, token: FromPath[str]) -> Response[bytes]:
    """The feed itself: no session (a calendar app has none), the token is the key."""
    owner = await bevakning.feed_owner(token)
    body = render_ical(await bevakning.calendar(owner), f"Inspektion – {owner.name}",
                       _base(request), clock.now())
    return Response(body, media_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": 'inline; filename="inspektion.ics"',
        "Cache-Control": "private, max-age=900", "X-Robots-Tag": "noindex"})


@post("/arenden/{case_id:int}/planering", include_in_schema=False, status_code=303)
async def plan_submit(request: Req, case_id: FromPath[int],
                      actor: NamedDependency[Actor]) -> Response[Any]:
    form = await read_form(request)
    raw = {kind: text(form, kind) for kind in PLANNED_KINDS}
    try:
        await bevakning.plan_visits(actor, bevakning.parse_plan(case_id, version(form), raw))
    except DomainError as exc:
        from inspektion.web.errors import error_page
        return error_page(request, status_for(exc), str(exc))
    return Redirect(f"/arenden/{case_id}?klart=planering", status_code=303)


__all__ = ["calendar_page", "feed", "feed_create", "feed_revoke", "plan_submit"]

"""The inspector's answer links on the pages: make one for a letter, see them, revoke one.

The address and the code are shown once, right after the link is made (only their hashes
are stored), on a page laid out to be printed and sent with the letter.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inspektion.domain.access import Actor
from inspektion.domain.errors import DomainError
from inspektion.domain.handlingar import content_disposition
from inspektion.domain.roles import Role
from inspektion.domain.svarslank import LETTER_ANSWER, Recipient, shown_code
from inspektion.http.status import status_for
from inspektion.services import cases, svarslankar
from inspektion.services.diarium import DOCUMENT_LABELS
from inspektion.web.context import render
from inspektion.web.forms import read_form, text

Req = Request[Any, Any, Any]


async def _page(request: Req, actor: Actor, case_id: int, status: int = 200,
                **extra: Any) -> Template:
    case = await cases.case_detail(actor, case_id)
    letters = [(str(d["id"]), f"{d['number']} – {DOCUMENT_LABELS.get(d['kind'], d['kind'])}")
               for d in case["documents"] if d["kind"] in LETTER_ANSWER]
    return await render(
        request, "svarslankar.html", status_code=status,
        title=f"Svarslänkar – {case['diarienummer']}", case=case,
        links=await svarslankar.list_links(actor, case_id), letters=letters,
        recipients=[(r.value, r.label) for r in Recipient],
        can_make=actor.role is Role.INSPEKTOR and case["status"] != "avslutad",
        **{"errors": {}, "form_error": None, "created": None,
           "values": {"document_id": letters[-1][0] if letters else ""}, **extra})


@get("/arenden/{case_id:int}/svarslankar", include_in_schema=False)
async def links_page(request: Req, case_id: FromPath[int], actor: NamedDependency[Actor]
                     ) -> Template:
    return await _page(request, actor, case_id)


@post("/arenden/{case_id:int}/svarslankar", include_in_schema=False, status_code=200)
async def link_create(request: Req, case_id: FromPath[int], actor: NamedDependency[Actor]
                      ) -> Template:
    form = await read_form(request)
    values = {"document_id": text(form, "document_id"), "recipient": text(form, "recipient")}
    raw = values["document_id"]
    try:
        out = await svarslankar.create_link(actor, case_id, int(raw) if raw.isdecimal() else raw,
                                            values["recipient"])
    except DomainError as exc:
        field = getattr(exc, "field", None)
        return await _page(request, actor, case_id, status=status_for(exc), values=values,
                           errors={field: str(exc).split(": ", 1)[-1]} if field else {},
                           form_error=None if field else str(exc))
    base = str(request.base_url).rstrip("/")
    return await _page(request, actor, case_id, created={
        "url": f"{base}{svarslankar.PATH}{out.token}", "code": shown_code(out.code),
        "code_url": f"{base}/svar", "expires": out.expires, "number": out.document_number,
        "recipient": out.recipient.label, "replaced": bool(out.replaced), "id": out.id,
        "token": out.token})


@post("/arenden/{case_id:int}/svarslankar/{link_id:int}/bilaga", include_in_schema=False,
      status_code=200)
async def link_enclosure(request: Req, case_id: FromPath[int], link_id: FromPath[int],
                         actor: NamedDependency[Actor]) -> Response[bytes]:
    """The page to send with the letter; the secrets come back in the POST body only."""
    form = await read_form(request)
    fmt = text(form, "format") or "pdf"
    data, name = await svarslankar.enclosure(
        actor, case_id, link_id, text(form, "token"), text(form, "code"), fmt,
        str(request.base_url).rstrip("/"))
    media = ("application/pdf" if fmt == "pdf" else
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return Response(data, media_type=media, headers={
        "Content-Disposition": content_disposition(name), "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


@post("/arenden/{case_id:int}/svarslankar/{link_id:int}/aterkalla", include_in_schema=False,
      status_code=303)
async def link_revoke(request: Req, case_id: FromPath[int], link_id: FromPath[int],
                      actor: NamedDependency[Actor]) -> Response[Any]:
    await svarslankar.revoke_link(actor, case_id, link_id)
    return Redirect(f"/arenden/{case_id}/svarslankar", status_code=303)


__all__ = ["link_create", "link_enclosure", "link_revoke", "links_page"]

"""Registering an inkommen handling on the pages: a multipart form with files and CSRF.

The same service as `POST /api/cases/{id}/handlingar`; a refusal shows the form again with
the message at its field (the files must be chosen again: a browser never refills them).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inspektion import clock
from inspektion.domain.access import Actor
from inspektion.domain.errors import Conflict, InvalidInput, StepRefused, TooLarge
from inspektion.domain.handlingar import ACCEPTED, HandlingKind
from inspektion.http.status import status_for
from inspektion.http.uploads import BODY_LIMIT, form_text, read_files
from inspektion.services import cases, handlingar
from inspektion.services.diarium import DOCUMENT_LABELS
from inspektion.services.handlingar import RegisterHandling
from inspektion.web.context import render
from inspektion.web.forms import error_context

Req = Request[Any, Any, Any]
FIELDS = {"kind", "received", "sender", "description", "file", "document_id", "version"}


async def _form(request: Req, actor: Actor, case_id: int, values: dict[str, str],
                status: int = 200, **extra: Any) -> Template:
    case = await cases.case_detail(actor, case_id)
    option = next((o for o in case["next_steps"] if o["step"] == "handling"), None)
    letters = [(str(d["id"]), f"{d['number']} – {DOCUMENT_LABELS.get(d['kind'], d['kind'])}")
               for d in case["documents"]
               if d["kind"] in handlingar.LETTER_LABELS]
    return await render(
        request, "steg_handling.html", status_code=status,
        title=f"Registrera inkommen handling – {case['diarienummer']}", case=case,
        option=option, spec={"title": "Registrera inkommen handling", "step": "handling"},
        kinds=[(k.value, k.label) for k in HandlingKind], letters=letters, accepted=ACCEPTED,
        max_mb=handlingar.max_file_bytes() // 1_000_000, max_files=handlingar.MAX_FILES,
        values={"version": str(case["version"]), **values},
        **{"errors": {}, "form_error": None, **extra})


@get("/arenden/{case_id:int}/handlingar/ny", include_in_schema=False)
async def handling_form(request: Req, case_id: FromPath[int], actor: NamedDependency[Actor]
                        ) -> Template:
    kind = request.query_params.get("kind", "")
    return await _form(request, actor, case_id, {
        "received": clock.today().isoformat(),
        "kind": kind if kind in {k.value for k in HandlingKind} else ""})


@post("/arenden/{case_id:int}/handlingar/ny", include_in_schema=False, status_code=303,
      request_max_body_size=BODY_LIMIT)
async def handling_submit(request: Req, case_id: FromPath[int], actor: NamedDependency[Actor]
                          ) -> Response[Any]:
    form = await request.form()
    values = {k: (str(form.get(k) or "").strip() if isinstance(form.get(k), str) else "")
              for k in FIELDS - {"file"}}
    try:
        values = {k: form_text(form, k).strip() for k in FIELDS - {"file"}}
        files = await read_files(form.getall("file") if "file" in form else [])
        document_id = values["document_id"]
        if document_id and not document_id.isdecimal():
            raise InvalidInput("document_id: välj ett brev i listan.", "document_id")
        await handlingar.register_handling(actor, RegisterHandling(
            case_id=case_id, kind=values["kind"], received=values["received"],
            sender=values["sender"], description=values["description"], files=files,
            version=None, answers_document_id=int(document_id) if document_id else None))
    except (InvalidInput, StepRefused, Conflict, TooLarge) as exc:
        ctx = error_context(exc, FIELDS)
        if isinstance(exc, TooLarge):
            ctx = {"errors": {"file": str(exc)}, "form_error": None}
        return await _form(request, actor, case_id, values, status=status_for(exc), **ctx)
    return Redirect(f"/arenden/{case_id}?klart=handling#diarium", status_code=303)


__all__ = ["handling_form", "handling_submit"]

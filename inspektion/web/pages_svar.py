"""The employer's answer form at `/svar/<token>`: no login, the link is the key.

Its own router, outside the logged-in pages: no session is read and the pages' CSRF hook
(which expects a session) does not apply. CSRF is token-bound double submit instead: the
first view sets a random cookie (HttpOnly, SameSite=Strict, path /svar), and the form
carries the HMAC of that cookie and the link's hash; a foreign page can neither read the
cookie nor compute the field. An unknown, expired or revoked link gets one page that says
only "Länken gäller inte". Every request counts against the client's address, every save
or send against the link (services/svar_throttle.py).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.datastructures import Cookie
from litestar.exceptions import HTTPException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inspektion.domain.errors import DomainError, InvalidInput, TooLarge, TooManyRequests
from inspektion.domain.handlingar import ACCEPTED
from inspektion.domain.svarslank import (
    MAX_ANSVARIG,
    MAX_ATGARD,
    MAX_CONTACT,
    MAX_MESSAGE,
    normal_code,
)
from inspektion.http.session import client_address
from inspektion.http.status import status_for
from inspektion.http.uploads import BODY_LIMIT, form_text, read_files
from inspektion.services import handlingar, svar_throttle, svarslankar
from inspektion.services.svarslankar import AnswerForm, LinkInvalid, OpenLink
from inspektion.web.context import base_context
from inspektion.web.security import secure_cookies

Req = Request[Any, Any, Any]
COOKIE = "inspektion_svar"
FIELD = "_csrf"
REFUSED_CSRF = ("Formuläret kunde inte tas emot (säkerhetskontrollen stämde inte). Öppna "
                "länken igen och försök på nytt; webbläsaren måste tillåta kakor.")
HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                "script-src 'self'; frame-ancestors 'none'; "
                                "form-action 'self'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    # The address holds the secret: no page it links to may learn it, no cache keep it.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
}


def form_token(cookie: str, link_hash: str) -> str:
    return hmac.new(cookie.encode(), b"inspektion-svar-v1:" + link_hash.encode(),
                    hashlib.sha256).hexdigest()


def _cookie(request: Req, value: str) -> Cookie:
    return Cookie(key=COOKIE, value=value, path="/svar", httponly=True, samesite="strict",
                  secure=secure_cookies(request), max_age=12 * 3600)


def _page(request: Req, template: str, code: int = 200, **context: Any) -> Template:
    ctx = base_context(request)
    ctx.update(actor=None, nav=[], home="/svar", csrf="", show_reminders=False, **context)
    return Template(template_name=template, context=ctx, status_code=code)


def invalid_page(request: Req) -> Template:
    return _page(request, "svar_ogiltig.html", 404, title="Länken gäller inte")


def refusal(request: Req, exc: Exception) -> Response[Any]:
    """Every refusal on these pages; the address (with its secret) is never logged."""
    if isinstance(exc, LinkInvalid):
        return invalid_page(request)
    if isinstance(exc, DomainError):
        status = status_for(exc)
        message = str(exc)
    elif isinstance(exc, HTTPException):
        status = exc.status_code
        message = {413: "Det du skickade är för stort. Högst "
                        f"{handlingar.max_file_bytes() // 1_000_000} MB per fil och "
                        f"{handlingar.MAX_FILES} filer.",
                   404: "Länken gäller inte."}.get(status, "Förfrågan kunde inte tas emot.")
        if status == 404:
            return invalid_page(request)
    else:
        status, message = 500, "Ett oväntat fel inträffade. Inget skickades; försök igen."
    return _page(request, "svar_fel.html", status, title="Det gick inte", message=message,
                 status=status)


async def _count_address(request: Req) -> None:
    await svar_throttle.request_from(client_address(request))


@get("/")
async def code_page(request: Req) -> Response[Any]:
    """Where the code from the paper letter is typed (the address printed is /svar)."""
    await _count_address(request)
    typed = request.query_params.get("kod")
    if typed is None:
        return _page(request, "svar_kod.html", title="Svara Arbetsmiljöverket", errors={},
                     values={})
    code = normal_code(typed)
    if code is None:
        return _page(request, "svar_kod.html", 400, title="Svara Arbetsmiljöverket",
                     values={"kod": typed[:60]},
                     errors={"kod": "Koden har 26 tecken (bokstäver och siffror). Skriv den "
                                    "som den står i brevet."})
    return Redirect(f"/svar/{code}", status_code=303)


def _values_from(link: OpenLink) -> dict[str, str]:
    draft = link.draft
    values = {"kontakt": draft.get("contact") or "", "meddelande": draft.get("message") or ""}
    for kid, answer in (draft.get("answers") or {}).items():
        for name in ("atgard", "senast", "ansvarig"):
            values[f"{name}_{kid}"] = str(answer.get(name) or "")
    return values


def _form(request: Req, key: str, link: OpenLink, cookie: str, status: int = 200,
          values: dict[str, str] | None = None, **extra: Any) -> Template:
    template = _page(
        request, "svar.html", status, title=f"Svar på {link.letter_label} {link.document_number}",
        link=link, key=key, csrf_field=form_token(cookie, link.hash),
        client_key=secrets.token_urlsafe(18), values=values or _values_from(link),
        accepted=ACCEPTED, max_mb=handlingar.max_file_bytes() // 1_000_000,
        max_files=handlingar.MAX_FILES,
        limits={"atgard": MAX_ATGARD, "ansvarig": MAX_ANSVARIG, "kontakt": MAX_CONTACT,
                "meddelande": MAX_MESSAGE},
        **{"errors": {}, "form_error": None, "sent": None, "saved": False, **extra})
    template.cookies = [_cookie(request, cookie)]
    return template


@get("/{key:str}")
async def answer_form(request: Req, key: FromPath[str]) -> Response[Any]:
    await _count_address(request)
    link = await svarslankar.open_link(key)
    cookie = request.cookies.get(COOKIE) or secrets.token_urlsafe(24)
    sent = request.query_params.get("skickat")
    return _form(request, key, link, cookie,
                 sent=next((s for s in link.sent if s["number"] == sent), None),
                 saved=request.query_params.get("sparat") == "1")


def _read_answers(form: Any, link: OpenLink) -> dict[int, tuple[str, str, str]]:
    out = {}
    for k in link.krav:
        kid = int(k["id"])
        out[kid] = (form_text(form, f"atgard_{kid}"), form_text(form, f"senast_{kid}"),
                    form_text(form, f"ansvarig_{kid}"))
    return out


@post("/{key:str}", status_code=303, request_max_body_size=BODY_LIMIT)
async def answer_submit(request: Req, key: FromPath[str]) -> Response[Any]:
    await _count_address(request)
    link = await svarslankar.open_link(key)
    await svar_throttle.post_to(link.hash)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "multipart/form-data":
        raise InvalidInput("Skicka formuläret från sidan (multipart/form-data).")
    form = await request.form()
    cookie = request.cookies.get(COOKIE) or ""
    given = form.get(FIELD)
    if not (cookie and isinstance(given, str)
            and hmac.compare_digest(form_token(cookie, link.hash), given)):
        return _page(request, "svar_fel.html", 403, title="Det gick inte", message=REFUSED_CSRF,
                     status=403)
    values: dict[str, str] = {}
    for name in list(form.keys()):
        item = form.get(name)
        if isinstance(item, str) and name != FIELD:
            values[name] = item[:MAX_MESSAGE + 100]
    try:
        answers = _read_answers(form, link)
        files = {}
        for k in [0, *(int(k["id"]) for k in link.krav)]:
            got = await read_files(form.getall(f"fil_{k}") if f"fil_{k}" in form else [])
            if got:
                files[k] = got
        action = form_text(form, "handling")
        answer = AnswerForm(answers=answers, contact=form_text(form, "kontakt"),
                            message=form_text(form, "meddelande"), files=files,
                            client_key=form_text(form, "client_key")[:64])
        if action == "utkast":
            await svarslankar.save_draft(key, answer)
            return Redirect(f"/svar/{key}?sparat=1", status_code=303)
        if action != "skicka":
            raise InvalidInput("Välj Spara utkast eller Skicka svaret.", "handling")
        sent = await svarslankar.send(key, answer)
    except LinkInvalid:
        raise
    except (InvalidInput, TooLarge) as exc:
        field = getattr(exc, "field", None) or ("fil" if isinstance(exc, TooLarge) else None)
        errors = {_field_id(field): str(exc).split(": ", 1)[-1] if field else str(exc)}
        return _form(request, key, link, cookie, status=status_for(exc), values=values,
                     errors=errors if field else {}, form_error=None if field else str(exc))
    except TooManyRequests:
        raise
    except DomainError as exc:
        return _form(request, key, link, cookie, status=status_for(exc), values=values,
                     form_error=str(exc))
    return Redirect(f"/svar/{key}?skickat={sent.number}", status_code=303)


def _field_id(field: str | None) -> str:
    """The form field an error belongs to (a file error to the files of the whole answer)."""
    return "fil_0" if field in ("file", "fil") else (field or "svar")


def svar_router() -> Router:
    return Router(path="/svar", route_handlers=[code_page, answer_form, answer_submit],
                  exception_handlers={DomainError: refusal, HTTPException: refusal,
                                      Exception: refusal}, response_headers=HEADERS,
                  include_in_schema=False)


__all__ = ["svar_router"]

"""Refusals on the pages: a Swedish page with the reason, or the login page when logged out.

The API answers JSON; under the pages' router these handlers take over, so a person never
sees a JSON body or a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.response import Redirect, Template

from inspektion.domain.errors import DomainError, NotAuthenticated
from inspektion.http.status import status_for
from inspektion.web.context import base_context

log = logging.getLogger("inspektion.web")
Req = Request[Any, Any, Any]

TITLES = {400: "Uppgifterna kunde inte användas", 403: "Ingen behörighet",
          404: "Sidan finns inte", 405: "Det går inte att göra så här",
          409: "Steget kunde inte tas", 413: "Filen är för stor", 500: "Något gick fel"}
HTTP_MESSAGES = {404: "Sidan eller ärendet finns inte. Kontrollera adressen.",
                 405: "Sidan tar inte emot den här sortens anrop.",
                 400: "Uppgifterna i anropet kunde inte läsas."}


def error_page(request: Req, status: int, message: str) -> Template:
    """A Swedish page with the reason; no reminder box (it was not read, so it says nothing)."""
    ctx = base_context(request)
    ctx.update(title=TITLES.get(status, "Något gick fel"), message=message, status=status,
               show_reminders=False)
    return Template(template_name="fel.html", context=ctx, status_code=status)


def login_redirect(request: Req) -> Response[Any]:
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    return Redirect(f"/logga-in?nasta={quote(target, safe='')}", status_code=303)


def domain_error_page(request: Req, exc: DomainError) -> Response[Any]:
    if isinstance(exc, NotAuthenticated):
        return login_redirect(request)
    return error_page(request, status_for(exc), str(exc))


def http_error_page(request: Req, exc: Exception) -> Response[Any]:
    if isinstance(exc, HTTPException):
        status = exc.status_code
        return error_page(request, status, HTTP_MESSAGES.get(status, str(exc.detail)))
    log.exception("unexpected error on page %s %s", request.method, request.url.path)
    return error_page(request, 500, "Ett oväntat fel inträffade. Inget sparades; försök igen.")


def wants_page(request: Req) -> bool:
    """Everything outside the API (and its schema) is a page a person opened in a browser."""
    path = request.url.path
    return not (path == "/api" or path.startswith(("/api/", "/schema")))


def app_error_page(request: Req, exc: Exception) -> Response[Any]:
    """For the app's own handler: a wrong address, a wrong method or a missing static file.

    Litestar calls exception handlers synchronously, so the session is not read here: the
    page offers the start page, which leads a logged-in user home and others to the login.
    """
    return http_error_page(request, exc)


EXCEPTION_HANDLERS: dict[int | type[Exception], Any] = {
    DomainError: domain_error_page,
    Exception: http_error_page,
}

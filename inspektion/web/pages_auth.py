"""Logging in and out of the pages, and the start page that sends each role to its desk."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Redirect, Template

from inspektion.domain.errors import NotAuthenticated
from inspektion.domain.roles import Role
from inspektion.http.session import PRELOGIN_COOKIE, SESSION_COOKIE, client_address
from inspektion.services import users
from inspektion.web.context import HOME, render
from inspektion.web.forms import read_form, text
from inspektion.web.security import (
    expired_cookie,
    new_prelogin_token,
    page_actor,
    prelogin_cookie,
    session_cookie,
)

Req = Request[Any, Any, Any]


def _safe_next(raw: str | None) -> str | None:
    """Only a path on this site; never an address elsewhere ("//host", "https:")."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return None


async def _login_page(request: Req, status: int = 200, **context: Any) -> Template:
    token = request.cookies.get(PRELOGIN_COOKIE) or new_prelogin_token()
    page = await render(request, "logga_in.html", status_code=status, csrf=token,
                        title="Logga in",
                        nasta=_safe_next(request.query_params.get("nasta")) or "", **context)
    page.cookies.append(prelogin_cookie(request, token))
    session = request.cookies.get(SESSION_COOKIE)
    if session and not await _alive(session):
        page.cookies.append(expired_cookie(request, SESSION_COOKIE))  # a dead session: forget it
    return page


async def _alive(session: str) -> bool:
    try:
        await users.actor_for_token(session)
    except NotAuthenticated:
        return False
    return True


@get("/logga-in", name="web:login", include_in_schema=False)
async def login_form(request: Req) -> Template:
    return await _login_page(request)


@post("/logga-in", include_in_schema=False, status_code=303)
async def login_submit(request: Req) -> Response[Any]:
    values = await read_form(request)
    try:
        result = await users.login(text(values, "username"), str(values.get("password", "")),
                                   client_address(request))
    except NotAuthenticated as exc:
        return await _login_page(request, status=400, values={"username": text(values,
                                 "username")}, form_error=str(exc))
    target = _safe_next(text(values, "nasta")) or HOME[Role(result["role"])]
    return Redirect(target, status_code=303, cookies=[
        session_cookie(request, result["token"]), expired_cookie(request, PRELOGIN_COOKIE)])


@post("/logga-ut", include_in_schema=False, status_code=303)
async def logout(request: Req) -> Response[Any]:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await users.logout(token)
    return Redirect("/logga-in?utloggad=1", status_code=303,
                    cookies=[expired_cookie(request, SESSION_COOKIE)])


@get("/", include_in_schema=False)
async def start(request: Req) -> Response[Any]:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return Redirect("/logga-in", status_code=303)
    try:
        actor = await users.actor_for_token(token)
    except NotAuthenticated:
        return Redirect("/logga-in", status_code=303)
    return Redirect(HOME[actor.role], status_code=303)


__all__ = ["login_form", "login_submit", "logout", "page_actor", "start"]

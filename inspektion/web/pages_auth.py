"""Logging in and out of the pages, and the start page that sends each role to its desk."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Redirect, Template

from inspektion.config import load_settings
from inspektion.domain.errors import NotAuthenticated
from inspektion.domain.roles import Role
from inspektion.http.session import PRELOGIN_COOKIE, SESSION_COOKIE, client_address
from inspektion.services import oidc_flow, oidc_users, users
from inspektion.web.context import HOME, base_context, render
from inspektion.web.forms import read_form, text
from inspektion.web.security import (
    expired_cookie,
    new_prelogin_token,
    page_actor,
    prelogin_cookie,
    session_cookie,
)

Req = Request[Any, Any, Any]


def safe_next(raw: str | None) -> str | None:
    """Only a path on this site; never an address elsewhere ("//host", "https:")."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return None


async def _login_page(request: Req, status: int = 200, **context: Any) -> Template:
    token = request.cookies.get(PRELOGIN_COOKIE) or new_prelogin_token()
    settings = load_settings()
    page = await render(request, "logga_in.html", status_code=status, csrf=token,
                        title="Logga in", oidc=settings.oidc is not None,
                        local_login=settings.local_login,
                        break_glass=bool(settings.break_glass_users),
                        nasta=safe_next(request.query_params.get("nasta")) or "", **context)
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
    target = safe_next(text(values, "nasta")) or HOME[Role(result.role)]
    return Redirect(target, status_code=303, cookies=[
        session_cookie(request, result.token), expired_cookie(request, PRELOGIN_COOKIE)])


@post("/logga-ut", include_in_schema=False, status_code=303)
async def logout(request: Req) -> Response[Any]:
    """End the local session; for a user who came through the identity provider, go on to the
    provider's logout (RP-initiated logout) when it offers one. A page that moves on by itself,
    not a redirect: the pages' CSP (form-action 'self') would stop a form's redirect abroad."""
    token = request.cookies.get(SESSION_COOKIE)
    provider_logout = None
    if token:
        provider_logout = await _provider_logout(request, token)
        await users.logout(token)
    forget = expired_cookie(request, SESSION_COOKIE)
    if provider_logout:
        page = moving_on(request, provider_logout, "Du är utloggad",
                         "Du är utloggad ur inspektionsverktyget. Du loggas nu ut även från "
                         "Arbetsmiljöverkets inloggningstjänst.",
                         "Logga ut från inloggningstjänsten")
        page.cookies.append(forget)
        return page
    return Redirect("/logga-in?utloggad=1", status_code=303, cookies=[forget])


async def _provider_logout(request: Req, token: str) -> str | None:
    settings = load_settings().oidc
    if settings is None:
        return None
    try:
        actor = await users.actor_for_token(token)
    except NotAuthenticated:
        return None
    if not await oidc_users.is_linked(actor.user_id):
        return None  # a local (break-glass) account: only the local session to end
    back = settings.post_logout_uri or str(request.base_url).rstrip("/") + "/logga-in?utloggad=1"
    return await oidc_flow.end_session_url(settings, back)


def moving_on(request: Req, target: str, title: str, message: str, link_text: str) -> Template:
    """A page that goes on to `target` by itself (meta refresh), with a link as well."""
    ctx = base_context(request)
    ctx.update(title=title, message=message, target=target, link_text=link_text,
               show_reminders=False)
    return Template(template_name="vidare.html", context=ctx)


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


__all__ = ["login_form", "login_submit", "logout", "moving_on", "page_actor", "safe_next",
           "start"]

"""Signing in through the agency's identity provider: start and callback (issue 19).

`GET /logga-in/oidc` sends the browser to the provider; `GET /logga-in/oidc/callback` takes the
answer, checks it (services/oidc_flow.py), signs the person in (services/oidc_users.py) and hands
out the same session cookie as the password login. Every refusal is a Swedish page and an
audit event.

The callback answers with a page that moves on by itself (a meta refresh) rather than a
redirect: the session cookie is SameSite=Strict, and a browser does not send it on a redirect
chain that began at another site (the provider), so a 303 would land on the login page again.
"""

from __future__ import annotations

import hmac
from typing import Any

from litestar import Request, Response, get
from litestar.datastructures import Cookie
from litestar.response import Redirect

from inspektion.config import OidcSettings, load_settings
from inspektion.domain.roles import Role
from inspektion.http.session import PRELOGIN_COOKIE, client_address
from inspektion.services import audit, oidc_flow, oidc_users
from inspektion.services.transactions import write_tx
from inspektion.web.context import HOME
from inspektion.web.errors import error_page
from inspektion.web.pages_auth import moving_on, safe_next
from inspektion.web.security import expired_cookie, secure_cookies, session_cookie

Req = Request[Any, Any, Any]
STATE_COOKIE = "inspektion_oidc"
STATE_PATH = "/logga-in/oidc"
NOT_CONFIGURED = "Inloggning med Arbetsmiljöverkets konto är inte påslagen här."
STATUS = {"unreachable": 502, "no_role": 403, "no_region": 403, "many_regions": 403,
          "unknown_region": 403, "inactive": 403}


def redirect_uri(request: Req, settings: OidcSettings) -> str:
    """The callback address registered at the provider; behind a proxy set it explicitly
    (INSPEKTION_OIDC_REDIRECT_URI) or run uvicorn with --proxy-headers."""
    return settings.redirect_uri or str(request.base_url).rstrip("/") + "/logga-in/oidc/callback"


def _state_cookie(request: Req, value: str, max_age: int) -> Cookie:
    """Lax, not Strict: it must come back on the provider's top-level redirect."""
    return Cookie(key=STATE_COOKIE, value=value, path=STATE_PATH, httponly=True, samesite="lax",
                  secure=secure_cookies(request), max_age=max_age,
                  expires=0 if max_age == 0 else None)


@get("/logga-in/oidc", include_in_schema=False)
async def oidc_start(request: Req) -> Response[Any]:
    settings = load_settings().oidc
    if settings is None:
        return error_page(request, 404, NOT_CONFIGURED)
    next_path = safe_next(request.query_params.get("nasta")) or ""
    try:
        started = await oidc_flow.start(settings, redirect_uri(request, settings), next_path)
    except oidc_flow.OidcFailure as exc:
        return error_page(request, STATUS.get(exc.code, 400), str(exc))
    return Redirect(started.url, status_code=303, cookies=[
        _state_cookie(request, started.state, oidc_flow.PENDING_MINUTES * 60)])


@get("/logga-in/oidc/callback", include_in_schema=False)
async def oidc_callback(request: Req) -> Response[Any]:
    settings = load_settings().oidc
    if settings is None:
        return error_page(request, 404, NOT_CONFIGURED)
    params = request.query_params
    state = params.get("state") or ""
    forget = expired_cookie(request, STATE_COOKIE)
    forget.path = STATE_PATH
    try:
        cookie_state = request.cookies.get(STATE_COOKIE) or ""
        # The state must be this browser's own: else someone could hand a victim a callback
        # address carrying the attacker's code and log the victim in as the attacker.
        if not (state and cookie_state and hmac.compare_digest(state, cookie_state)):
            raise oidc_flow.OidcFailure("state")
        pending = await oidc_flow.take_pending(state)
        if params.get("error"):
            detail = (params.get("error_description") or params.get("error") or "")[:200]
            raise oidc_flow.OidcFailure("provider_error", detail)
        answered_by = params.get("iss")  # RFC 9207: which provider answered (mix-up defence)
        if answered_by is not None and answered_by.rstrip("/") != settings.issuer:
            raise oidc_flow.OidcFailure("issuer")
        code = params.get("code")
        if not code:
            raise oidc_flow.OidcFailure("malformed")
        claims = await oidc_flow.exchange(settings, code, redirect_uri(request, settings),
                                          pending)
        signed = await oidc_users.sign_in(settings, claims, client_address(request))
    except oidc_flow.OidcFailure as exc:
        await _audit_failure(settings, exc.code, client_address(request))
        page = error_page(request, STATUS.get(exc.code, 400), str(exc))
        page.cookies.append(forget)
        return page
    except oidc_users.OidcRefused as exc:
        page = error_page(request, STATUS.get(exc.reason, 403), str(exc))
        page.cookies.append(forget)
        return page
    target = safe_next(pending.next_path) or HOME[Role(signed.role)]
    page = moving_on(request, target, "Du är inloggad",
                     f"Välkommen, {signed.username}. Sidan öppnas strax.", "Fortsätt")
    page.cookies.extend([session_cookie(request, signed.token), forget,
                         expired_cookie(request, PRELOGIN_COOKIE)])
    return page


async def _audit_failure(settings: OidcSettings, code: str, address: str) -> None:
    """A sign-in the provider's answer did not prove is audited like a refused one."""
    async with write_tx():
        await audit.record(None, "user.oidc_refused", None,
                           {"issuer": settings.issuer, "reason": code, "address": address})


__all__ = ["oidc_callback", "oidc_start"]

"""Session cookie and CSRF protection for the pages (and for cookie-borne API writes).

The pages log in through `services.users.login` and keep its token in an HttpOnly,
SameSite=Strict cookie; the API's `provide_actor` accepts that cookie too. A browser sends
the cookie by itself, so every state-changing request that relies on it must also carry a
CSRF token that a foreign page cannot know:

- after login the token is an HMAC of the session token, so it is tied to the session and
  needs no server-side store (whoever knows it already holds the session);
- before login (the login form) a random pre-login cookie is compared with the form field
  (double submit), so nobody can log a victim in to an account of theirs.

API calls with `Authorization: Bearer` do not use the cookie and need no CSRF token; an API
write that relies on the cookie alone must send the token in the `X-CSRF-Token` header.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.response.base import ASGIResponse
from litestar.types import ASGIApp, Receive, Scope, Send

from inspektion.api.auth import SESSION_COOKIE
from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.domain.errors import NotAuthenticated
from inspektion.services import users

PRELOGIN_COOKIE = "inspektion_prelogin"
CSRF_FIELD = "_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REFUSED = ("Formuläret saknar en giltig säkerhetstoken (CSRF). Ladda om sidan och försök igen.")

Req = Request[Any, Any, Any]


def csrf_for_session(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"inspektion-csrf-v1", hashlib.sha256).hexdigest()


def new_prelogin_token() -> str:
    return secrets.token_urlsafe(24)


def secure_cookies(request: Req) -> bool:
    """INSPEKTION_COOKIE_SECURE=1/0 forces the Secure flag; 'auto' follows the request's scheme.

    Behind a TLS-terminating proxy run uvicorn with --proxy-headers (or set it to 1).
    """
    raw = os.environ.get("INSPEKTION_COOKIE_SECURE", "auto").strip().lower()
    if raw in ("1", "true", "ja", "yes"):
        return True
    if raw in ("0", "false", "nej", "no"):
        return False
    return request.url.scheme == "https"


def session_cookie(request: Req, token: str) -> Cookie:
    return Cookie(key=SESSION_COOKIE, value=token, path="/", httponly=True, samesite="strict",
                  secure=secure_cookies(request),
                  max_age=load_settings().token_ttl_hours * 3600)


def prelogin_cookie(request: Req, value: str) -> Cookie:
    return Cookie(key=PRELOGIN_COOKIE, value=value, path="/", httponly=True, samesite="strict",
                  secure=secure_cookies(request), max_age=3600)


def expired_cookie(request: Req, key: str) -> Cookie:
    return Cookie(key=key, value="", path="/", httponly=True, samesite="strict",
                  secure=secure_cookies(request), max_age=0, expires=0)


LOGIN_PATH = "/logga-in"


def expected_token(request: Req) -> str | None:
    """The token this request's forms must carry, from its cookies.

    The login form always carries the pre-login token: a session cookie the browser still
    sends after its token died (a restore, a purge) must not make every login a 403.
    """
    session = request.cookies.get(SESSION_COOKIE)
    if session and request.url.path != LOGIN_PATH:
        return csrf_for_session(session)
    return request.cookies.get(PRELOGIN_COOKIE) or None


def _matches(expected: str | None, given: str | None) -> bool:
    return bool(expected and given and hmac.compare_digest(expected, given))


async def check_page_csrf(request: Req) -> Response[Any] | None:
    """Router hook: refuse any unsafe page request without the right token (403)."""
    if request.method not in UNSAFE:
        return None
    given = request.headers.get(CSRF_HEADER)
    if not given:
        form = await request.form()
        raw = form.get(CSRF_FIELD)
        given = raw if isinstance(raw, str) else None
    if _matches(expected_token(request), given):
        return None
    from inspektion.web.errors import error_page  # late: errors imports the page context

    return error_page(request, 403, REFUSED)


async def page_actor(request: Req) -> Actor:
    """The logged-in user of a page; only the cookie counts here."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise NotAuthenticated("Du måste logga in.")
    actor = await users.actor_for_token(token)
    request.state.actor = actor
    return actor


class ApiCookieCsrfMiddleware(ASGIMiddleware):
    """An /api write carried only by the session cookie must send X-CSRF-Token.

    A request with a Bearer header is not cookie-authenticated (provide_actor takes the
    header first) and passes; so does one without the cookie (it will answer 401 anyway).
    """

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        method = str(scope.get("method", ""))
        if method in UNSAFE and scope["path"].startswith("/api/"):
            headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                       for k, v in scope["headers"]}
            bearer = headers.get("authorization", "").lower().startswith("bearer ")
            session = _cookie(headers.get("cookie", ""), SESSION_COOKIE)
            if not bearer and session and not _matches(csrf_for_session(session),
                                                       headers.get(CSRF_HEADER)):
                body = msgspec.json.encode({"status_code": 403, "detail": REFUSED})
                await ASGIResponse(body=body, status_code=403,
                                   media_type="application/json")(scope, receive, send)
                return
        await next_app(scope, receive, send)


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None

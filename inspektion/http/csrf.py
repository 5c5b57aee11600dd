"""CSRF protection for everything a browser's cookie can carry: page forms and /api writes.

A browser sends the session cookie by itself, so every state-changing request that relies
on it must also carry a token that a foreign page cannot know:

- after login the token is an HMAC of the session token, so it is tied to the session and
  needs no server-side store (whoever knows it already holds the session);
- before login (the login form) a random pre-login cookie is compared with the form field
  (double submit), so nobody can log a victim in to an account of theirs.

API calls with `Authorization: Bearer` do not use the cookie and need no CSRF token; an API
write that relies on the cookie alone must send the token in the `X-CSRF-Token` header
(`ApiCookieCsrfMiddleware`). The pages check their forms in `web.security.check_page_csrf`.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import msgspec
from litestar import Request
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.response.base import ASGIResponse
from litestar.types import ASGIApp, Receive, Scope, Send

from inspektion.http.session import PRELOGIN_COOKIE, SESSION_COOKIE, cookie_in

CSRF_FIELD = "_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REFUSED = ("Formuläret saknar en giltig säkerhetstoken (CSRF). Ladda om sidan och försök igen.")
LOGIN_PATH = "/logga-in"


def csrf_for_session(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"inspektion-csrf-v1", hashlib.sha256).hexdigest()


def expected_token(request: Request[Any, Any, Any]) -> str | None:
    """The token this request's forms must carry, from its cookies.

    The login form always carries the pre-login token: a session cookie the browser still
    sends after its token died (a restore, a purge) must not make every login a 403.
    """
    session = request.cookies.get(SESSION_COOKIE)
    if session and request.url.path != LOGIN_PATH:
        return csrf_for_session(session)
    return request.cookies.get(PRELOGIN_COOKIE) or None


def token_matches(expected: str | None, given: str | None) -> bool:
    """In constant time; no token on either side never matches."""
    return bool(expected and given and hmac.compare_digest(expected, given))


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
            session = cookie_in(headers.get("cookie", ""), SESSION_COOKIE)
            if not bearer and session and not token_matches(csrf_for_session(session),
                                                            headers.get(CSRF_HEADER)):
                body = msgspec.json.encode({"status_code": 403, "detail": REFUSED})
                await ASGIResponse(body=body, status_code=403,
                                   media_type="application/json")(scope, receive, send)
                return
        await next_app(scope, receive, send)

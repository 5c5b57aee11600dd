"""The pages' side of the session: its cookies, the form check and the logged-in user.

The pages log in through `services.users.login` and keep its token in an HttpOnly,
SameSite=Strict cookie (`http.session.SESSION_COOKIE`). Every unsafe page request must carry
the CSRF token of `http.csrf.expected_token`; `check_page_csrf` refuses it otherwise.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from litestar import Request, Response
from litestar.datastructures import Cookie

from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.domain.errors import NotAuthenticated
from inspektion.http.csrf import (
    CSRF_FIELD,
    CSRF_HEADER,
    REFUSED,
    UNSAFE,
    expected_token,
    token_matches,
)
from inspektion.http.session import PRELOGIN_COOKIE, SESSION_COOKIE
from inspektion.services import users
from inspektion.web.errors import error_page

Req = Request[Any, Any, Any]


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


async def check_page_csrf(request: Req) -> Response[Any] | None:
    """Router hook: refuse any unsafe page request without the right token (403)."""
    if request.method not in UNSAFE:
        return None
    given = request.headers.get(CSRF_HEADER)
    if not given:
        form = await request.form()
        raw = form.get(CSRF_FIELD)
        given = raw if isinstance(raw, str) else None
    if token_matches(expected_token(request), given):
        return None
    return error_page(request, 403, REFUSED)


async def page_actor(request: Req) -> Actor:
    """The logged-in user of a page; only the cookie counts here."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise NotAuthenticated("Du måste logga in.")
    actor = await users.actor_for_token(token)
    request.state.actor = actor
    return actor


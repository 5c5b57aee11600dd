"""The session cookie and the caller's address: who is asking, for the API and the pages.

The pages keep the token of `services.users.login` in this cookie; the API's
`provide_actor` accepts it as well as a Bearer header. Both read its name from here, so
neither the API nor the pages need the other to know it.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

SESSION_COOKIE = "inspektion_session"
# Before login: a random value compared with the login form's field (double submit).
PRELOGIN_COOKIE = "inspektion_prelogin"


def client_address(request: Request[Any, Any, Any]) -> str:
    """The address a login is counted against. Behind a proxy, run uvicorn with
    --proxy-headers and --forwarded-allow-ips so this is the user's, not the proxy's."""
    return request.client.host if request.client else "okänd"


def cookie_in(header: str, name: str) -> str | None:
    """One cookie's value from a raw Cookie header (for middleware below the request object)."""
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None

"""Who is asking: a bearer token (API) or the session cookie (pages)."""

from __future__ import annotations

from typing import Any

from litestar import Request

from inspektion.domain.access import Actor
from inspektion.domain.errors import NotAuthenticated
from inspektion.http.input_rules import check_int
from inspektion.http.session import SESSION_COOKIE
from inspektion.services import users


def token_of(request: Request[Any, Any, Any]) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.cookies.get(SESSION_COOKIE) or None


async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    token = token_of(request)
    if not token:
        raise NotAuthenticated("Du måste logga in.")
    return await users.actor_for_token(token)


def version_of(body_version: int | None, request: Request[Any, Any, Any]) -> int | None:
    """The case version from the body, or from an If-Match header ("3" or W/"3")."""
    if body_version is not None:
        return body_version
    raw = request.headers.get("if-match")
    if not raw:
        return None
    cleaned = raw.strip().removeprefix("W/").strip('"')
    return check_int("If-Match", int(cleaned)) if cleaned.isdigit() else None

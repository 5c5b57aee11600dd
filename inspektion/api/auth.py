"""Who is asking: a bearer token (API) or the session cookie (pages)."""

from __future__ import annotations

from typing import Any

from litestar import Request

from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.domain.errors import NotAuthenticated
from inspektion.http.input_rules import integer_fits, too_big
from inspektion.http.session import SESSION_COOKIE
from inspektion.services import oidc_flow, oidc_users, users


def token_of(request: Request[Any, Any, Any]) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.cookies.get(SESSION_COOKIE) or None


async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    token = token_of(request)
    if not token:
        raise NotAuthenticated("Du måste logga in.")
    if token.count(".") == 2:  # a JWT; the tool's own tokens are opaque and have no dots
        return await _provider_actor(token)
    return await users.actor_for_token(token)


PROVIDER_TOKEN_REFUSED = "Token från inloggningstjänsten godtas inte: {reason}"


async def _provider_actor(token: str) -> Actor:
    """A bearer JWT from the agency's identity provider (issue 19), accepted only when
    INSPEKTION_OIDC_API_AUDIENCE is set: signature against the provider's keys, issuer,
    audience = that setting, expiry within the leeway; then the local user linked to its
    `sub`, who must be active (so a role the provider took away at the last sign-in stays
    taken away here too)."""

    settings = load_settings().oidc
    if settings is None or not settings.api_audience:
        raise NotAuthenticated("Inloggningen saknas eller har gått ut. Logga in igen.")
    try:
        claims = await oidc_flow.verify(settings, token, settings.api_audience)
    except oidc_flow.OidcFailure as exc:
        raise NotAuthenticated(PROVIDER_TOKEN_REFUSED.format(reason=str(exc))) from exc
    return await oidc_users.actor_for_subject(settings, claims.sub)


def version_of(body_version: int | None, request: Request[Any, Any, Any]) -> int | None:
    """The case version from the body, or from an If-Match header ("3" or W/"3")."""
    if body_version is not None:
        return body_version
    return if_match_version(request)


def if_match_version(request: Request[Any, Any, Any]) -> int | None:
    """The version an If-Match header names ("3" or W/"3"); a number no column holds is a
    400 naming the header, anything else not a number is no version at all."""
    raw = request.headers.get("if-match")
    if not raw:
        return None
    cleaned = raw.strip().removeprefix("W/").strip('"')
    if not cleaned.isdecimal():
        return None
    if not integer_fits(cleaned):
        raise too_big("If-Match")
    return int(cleaned)

"""The OpenID Connect authorization-code flow with PKCE, as the relying party (issue 19).

Authlib makes the PKCE verifier, its S256 challenge and the random state and nonce; joserfc
checks the tokens; httpx talks to the provider. What the provider sends is trusted only after:

- the callback's `state` equals the one in this browser's cookie and matches a pending login
  in the database, which is deleted as it is read (each state works once; a replayed callback
  finds nothing), and the pending login is at most ten minutes old;
- the ID token's signature verifies against the provider's published keys (JWKS, fetched
  again once when a token names a key we do not have, so key rotation needs no restart), with
  an asymmetric algorithm the provider announced ("none" and HMAC never);
- `iss` is the configured issuer, `aud` holds the client id (and `azp` is it when there are
  several audiences), `exp`, `iat` (and `nbf`) hold within the configured leeway, and `nonce`
  is the one this login sent;
- the claims this tool reads have the types OpenID Connect Core gives them (`Claims`, decoded
  with msgspec): a `sub`, `name`, `email` or user name claim that is not a string is refused as
  malformed rather than turned into one.
Each failure raises OidcFailure with its Swedish message and a code for the audit trail.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import httpx
import msgspec
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidClaimError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from inspektion.config import OidcSettings
from inspektion.db.tables import OidcPending
from inspektion.domain.json_types import Json
from inspektion.domain.oidc_claims import claim_values

PENDING_MINUTES = 10
ASYMMETRIC = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
                        "ES384", "ES512", "EdDSA", "Ed25519"})
_CACHE_SECONDS = 3600
_TIMEOUT = httpx.Timeout(10.0)

MESSAGES = {
    "state": ("Inloggningsförsöket är okänt, har redan använts eller är för gammalt. "
              "Börja om från inloggningssidan."),
    "provider_error": "Identitetsleverantören avbröt inloggningen: {detail}",
    "unreachable": ("Arbetsmiljöverkets inloggningstjänst svarar inte just nu. "
                    "Försök igen om en stund."),
    "token_refused": ("Inloggningstjänsten godtog inte inloggningen (koden kunde inte lösas "
                      "in). Börja om från inloggningssidan."),
    "signature": ("Inloggningsbeviset (ID-token) har en ogiltig signatur och godtas inte. "
                  "Börja om från inloggningssidan."),
    "audience": ("Inloggningsbeviset (ID-token) är utfärdat för en annan tjänst än "
                 "inspektionsverktyget och godtas inte."),
    "issuer": "Inloggningsbeviset (ID-token) kommer från fel utfärdare och godtas inte.",
    "expired": ("Inloggningsbeviset (ID-token) har gått ut. Kontrollera datorns klocka och "
                "börja om från inloggningssidan."),
    "not_yet": ("Inloggningsbeviset (ID-token) gäller inte ännu. Kontrollera datorns klocka "
                "och börja om från inloggningssidan."),
    "nonce": "Inloggningsbeviset (ID-token) hör inte till det här inloggningsförsöket.",
    "malformed": "Inloggningsbeviset (ID-token) är ofullständigt eller felaktigt och godtas inte.",
}


class OidcFailure(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        super().__init__(MESSAGES[code].format(detail=detail or "okänt fel"))


@dataclass
class _Provider:
    metadata: dict[str, Json]  # the discovery document, as JSON; read through _endpoint
    keys: KeySet | None = None
    fetched: float = field(default_factory=time.monotonic)


_providers: dict[str, _Provider] = {}


async def provider(settings: OidcSettings, refresh: bool = False) -> _Provider:
    """The provider's discovery document (cached for an hour), whose issuer must be the one
    configured: a document naming another issuer would let its tokens pass the `iss` check."""
    cached = _providers.get(settings.issuer)
    if cached and not refresh and time.monotonic() - cached.fetched < _CACHE_SECONDS:
        return cached
    url = settings.issuer + "/.well-known/openid-configuration"
    metadata = await _get_json(url)
    if str(metadata.get("issuer", "")).rstrip("/") != settings.issuer:
        raise OidcFailure("unreachable")
    for needed in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(needed), str):
            raise OidcFailure("unreachable")
    entry = _Provider(metadata)
    _providers[settings.issuer] = entry
    return entry


def _endpoint(entry: _Provider, name: str) -> str:
    """An address the discovery document must give (`provider` checked it is text)."""
    value = entry.metadata.get(name)
    if not isinstance(value, str):
        raise OidcFailure("unreachable")
    return value


async def _get_json(url: str, headers: dict[str, str] | None = None) -> dict[str, Json]:
    try:
        async with httpx.AsyncClient(timeout=_TIMEOUT) as client:
            response = await client.get(url, headers=headers)
    except httpx.HTTPError as exc:
        raise OidcFailure("unreachable") from exc
    if response.status_code != 200:
        raise OidcFailure("unreachable")
    try:
        data = response.json()
    except ValueError as exc:
        raise OidcFailure("unreachable") from exc
    if not isinstance(data, dict):
        raise OidcFailure("unreachable")
    return data


async def _keys(settings: OidcSettings, refresh: bool = False) -> KeySet:
    entry = await provider(settings)
    if entry.keys is None or refresh:
        try:
            entry.keys = KeySet.import_key_set(await _get_json(_endpoint(entry, "jwks_uri")))  # type: ignore[arg-type]
        except (JoseError, ValueError, KeyError, TypeError) as exc:
            raise OidcFailure("unreachable") from exc
    return entry.keys


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


@dataclass(frozen=True)
class Started:
    url: str  # where the browser goes: the provider's authorization endpoint
    state: str  # kept in this browser's cookie until the callback


async def start(settings: OidcSettings, redirect_uri: str, next_path: str) -> Started:
    """Record a pending login and build the authorization request (code flow, PKCE S256)."""
    entry = await provider(settings)
    state, nonce, verifier = generate_token(43), generate_token(43), generate_token(64)
    now = datetime.now(UTC)
    await OidcPending.delete().where(OidcPending.expires_at < now)  # the abandoned ones
    await OidcPending.insert(OidcPending(
        state_hash=_hash(state), nonce=nonce, code_verifier=verifier, next_path=next_path,
        expires_at=now + timedelta(minutes=PENDING_MINUTES)))
    query = urlencode({
        "response_type": "code", "client_id": settings.client_id, "redirect_uri": redirect_uri,
        "scope": settings.scopes, "state": state, "nonce": nonce,
        "code_challenge": create_s256_code_challenge(verifier),
        "code_challenge_method": "S256"})
    endpoint = _endpoint(entry, "authorization_endpoint")
    return Started(f"{endpoint}{'&' if '?' in endpoint else '?'}{query}", state)


@dataclass(frozen=True)
class Pending:
    nonce: str
    code_verifier: str
    next_path: str


async def take_pending(state: str) -> Pending:
    """The pending login of this state, deleted as it is read: a second callback with the same
    state (a replay, a reload) finds nothing. Only the request whose DELETE removed the row
    gets it, so two callbacks racing cannot both win."""
    rows = await OidcPending.select().where(OidcPending.state_hash == _hash(state))
    if not rows:
        raise OidcFailure("state")
    row = rows[0]
    deleted = await OidcPending.delete().where(OidcPending.id == row["id"]).returning(
        OidcPending.id)
    expires = row["expires_at"]
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    if not deleted or expires <= datetime.now(UTC):
        raise OidcFailure("state")
    return Pending(row["nonce"], row["code_verifier"], row["next_path"])


class Claims(msgspec.Struct, frozen=True, kw_only=True):
    """What this tool reads of a person's verified claims, typed as OpenID Connect Core
    (5.1) defines them. The two claims a deployment names itself are read by those names:
    `username` from `username_claim`, `groups` from `role_claim` (a list or a flattened
    string, domain/oidc_claims.claim_values). The provider may leave out any but `sub`."""

    sub: str
    name: str | None = None
    email: str | None = None
    username: str | None = None
    groups: frozenset[str] = frozenset()


def read_claims(settings: OidcSettings, raw: Mapping[str, Json]) -> Claims:
    """The claims read from verified (possibly userinfo-merged) JSON, each with its type
    checked here: the token is hostile input until this has passed."""
    try:
        return msgspec.convert({
            "sub": raw.get("sub"), "name": raw.get("name"), "email": raw.get("email"),
            "username": raw.get(settings.username_claim),
            "groups": sorted(claim_values(raw, settings.role_claim))}, Claims)
    except msgspec.ValidationError as exc:
        raise OidcFailure("malformed") from exc


async def exchange(settings: OidcSettings, code: str, redirect_uri: str,
                   pending: Pending) -> Claims:
    """Redeem the code (with the PKCE verifier) and return the verified ID token's claims,
    merged with the userinfo claims when the ID token lacks the role claim."""
    entry = await provider(settings)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "code_verifier": pending.code_verifier, "client_id": settings.client_id}
    # A confidential client authenticates with HTTP Basic (client_secret_basic, the default a
    # provider must support); a public one relies on PKCE alone.
    auth = httpx.BasicAuth(settings.client_id, settings.client_secret) \
        if settings.client_secret else httpx.USE_CLIENT_DEFAULT
    try:
        async with httpx.AsyncClient(timeout=_TIMEOUT) as client:
            response = await client.post(_endpoint(entry, "token_endpoint"), data=form,
                                         auth=auth, headers={"Accept": "application/json"})
    except httpx.HTTPError as exc:
        raise OidcFailure("unreachable") from exc
    if response.status_code != 200:
        raise OidcFailure("token_refused")
    try:
        body = response.json()
    except ValueError as exc:
        raise OidcFailure("token_refused") from exc
    id_token = body.get("id_token") if isinstance(body, dict) else None
    if not isinstance(id_token, str):
        raise OidcFailure("malformed")
    claims = await _verified(settings, id_token, settings.client_id, nonce=pending.nonce)
    userinfo = entry.metadata.get("userinfo_endpoint")
    access = body.get("access_token")
    if settings.role_claim not in claims and isinstance(userinfo, str) and \
            isinstance(access, str):
        extra = await _get_json(userinfo, {"Authorization": f"Bearer {access}"})
        if extra.get("sub") == claims["sub"]:  # OIDC Core 5.3.2: else it is not this person
            claims = {**extra, **claims}
    return read_claims(settings, claims)


async def verify(settings: OidcSettings, token: str, audience: str,
                 nonce: str | None = None) -> Claims:
    """A provider-signed JWT's claims after every check in the module docstring."""
    return read_claims(settings, await _verified(settings, token, audience, nonce))


async def _verified(settings: OidcSettings, token: str, audience: str,
                    nonce: str | None) -> dict[str, Json]:
    """The JWT's claims as JSON once its signature and registered claims hold."""
    entry = await provider(settings)
    announced = entry.metadata.get("id_token_signing_alg_values_supported")
    algorithms = [a for a in announced if isinstance(a, str) and a in ASYMMETRIC] \
        if isinstance(announced, list) else []
    algorithms = algorithms or ["RS256"]
    try:
        try:
            decoded = jwt.decode(token, await _keys(settings), algorithms=algorithms)
        except InvalidKeyIdError:
            decoded = jwt.decode(token, await _keys(settings, refresh=True),
                                 algorithms=algorithms)
    except BadSignatureError as exc:
        raise OidcFailure("signature") from exc
    except (JoseError, ValueError, TypeError) as exc:
        raise OidcFailure("malformed") from exc
    claims = decoded.claims
    options: dict[str, jwt.ClaimsOption] = {
        "iss": {"essential": True, "value": settings.issuer},
        "sub": {"essential": True},
        "aud": {"essential": True, "value": audience},
        "exp": {"essential": True},
        "iat": {"essential": True},
    }
    if nonce is not None:
        options["nonce"] = {"essential": True, "value": nonce}
    # now=None is the default clock; naming it leaves only claim names for **options.
    registry = jwt.JWTClaimsRegistry(now=None, leeway=settings.leeway_seconds, **options)
    try:
        registry.validate(claims)
    except ExpiredTokenError as exc:
        raise OidcFailure("expired") from exc
    except (InvalidClaimError, MissingClaimError) as exc:
        raise OidcFailure(_CLAIM_CODES.get(exc.claim, "malformed")) from exc
    aud = claims.get("aud")
    if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != audience:
        raise OidcFailure("audience")
    return dict(claims)


_CLAIM_CODES = {"aud": "audience", "iss": "issuer", "nonce": "nonce", "nbf": "not_yet",
                "iat": "not_yet", "exp": "expired", "sub": "malformed"}


async def end_session_url(settings: OidcSettings, post_logout_uri: str) -> str | None:
    """The provider's RP-initiated logout address, when it announces one."""
    try:
        entry = await provider(settings)
    except OidcFailure:
        return None
    endpoint = entry.metadata.get("end_session_endpoint")
    if not isinstance(endpoint, str):
        return None
    query = urlencode({"client_id": settings.client_id,
                       "post_logout_redirect_uri": post_logout_uri})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"

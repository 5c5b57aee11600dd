"""Local users behind the agency's identity provider (issue 19).

A person who signs in through the provider is linked to one local user by "issuer subject"
(`app_user.oidc_key`), never by name: a name at the provider could match a local account that
belongs to someone else. At every sign-in the role and region are read again from the claims
(domain/oidc_claims.py), so the directory stays the source of truth:

- unknown and given a role → a local user is created (`user.oidc_create`);
- known, role or region changed → updated (`user.oidc_role_change`);
- known, no role any more → deactivated, its sessions ended, and refused (`user.oidc_role_change`
  and `user.oidc_refused`); a later sign-in with a role gives the access back, while a user an
  administrator deactivated stays out (`oidc_disabled` tells the two apart);
- every sign-in (`user.oidc_login`) and every refusal (`user.oidc_refused`) is audited.
Each outcome is one transaction with its audit events.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from inspektion.config import OidcSettings
from inspektion.db.tables import AuthToken, Region, User
from inspektion.domain.access import Actor
from inspektion.domain.errors import NotAuthenticated
from inspektion.domain.oidc_claims import Granted, Refused, decide, parse_role_groups
from inspektion.domain.roles import Role
from inspektion.services import audit, users
from inspektion.services.oidc_flow import Claims
from inspektion.services.transactions import write_tx

UNUSABLE_PASSWORD = "!oidc"  # no argon2 hash: a provider-made user has no password here
INACTIVE = ("Ditt konto i inspektionsverktyget är inaktiverat av systemförvaltaren. "
            "Kontakta systemförvaltaren.")
UNKNOWN_REGION = ("Regionen {code} som ditt konto hör till finns inte i verktyget. "
                  "Kontakta systemförvaltaren.")


class OidcRefused(NotAuthenticated):
    """The provider vouched for the person, but this tool gives them no access."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class SignedIn:
    token: str
    role: Role
    username: str
    created: bool


def oidc_key(issuer: str, subject: str) -> str:
    return f"{issuer} {subject}"


async def sign_in(settings: OidcSettings, claims: Claims,
                  address: str | None = None) -> SignedIn:
    """Sign in the person the verified claims describe, or raise OidcRefused."""
    subject = claims.sub
    key = oidc_key(settings.issuer, subject)
    decision = decide(claims.groups, parse_role_groups(settings.role_groups),
                      settings.region_groups)
    region_id = None
    if isinstance(decision, Granted) and decision.region is not None:
        row = await Region.select(Region.id).where(Region.code == decision.region).first()
        if row is None:
            decision = Refused("unknown_region", UNKNOWN_REGION.format(code=decision.region))
        else:
            region_id = row["id"]
    base: dict[str, str | None] = {"issuer": settings.issuer, "sub": subject, "address": address}
    refusal: Refused | None = None
    result: SignedIn | None = None
    async with write_tx():
        user = await User.select(*User.all_columns(),
                                 User.region.code.as_alias("region_code")).where(
            User.oidc_key == key).first()
        if isinstance(decision, Refused):
            refusal = decision
            if user is not None and user["active"]:
                await _take_access(user, base)
            await audit.record(_actor(user) if user else None, "user.oidc_refused", None,
                               {**base, "reason": decision.reason})
        elif user is not None and not user["active"] and not user["oidc_disabled"]:
            refusal = Refused("inactive", INACTIVE)
            await audit.record(_actor(user), "user.oidc_refused", None,
                               {**base, "reason": "inactive"})
        else:
            result = await _let_in(user, key, claims, decision, region_id, base, settings)
    if refusal is not None:
        raise OidcRefused(refusal.reason, refusal.message)
    assert result is not None
    return result


async def _let_in(user: dict[str, Any] | None, key: str, claims: Claims,
                  granted: Granted, region_id: int | None, base: dict[str, str | None],
                  settings: OidcSettings) -> SignedIn:
    created = user is None
    if user is None:
        username = await _free_username(claims, key)
        rows = await User.insert(User(
            username=username, password_hash=UNUSABLE_PASSWORD, role=granted.role.value,
            region=region_id, display_name=_text(claims.name, 120) or username,
            email=_text(claims.email, 120), oidc_key=key)).returning(User.id)
        user_id = rows[0]["id"]
        actor = Actor(user_id, username, granted.role, granted.region)
        await audit.record(actor, "user.oidc_create", None,
                           {**base, "username": username, "role": granted.role.value,
                            "region": granted.region})
    else:
        user_id, username = user["id"], user["username"]
        actor = Actor(user_id, username, granted.role, granted.region, user["display_name"])
        before = {"role": user["role"], "region": user["region_code"],
                  "active": user["active"]}
        after = {"role": granted.role.value, "region": granted.region, "active": True}
        if before != after:
            await User.update({User.role: granted.role.value, User.region: region_id,
                               User.active: True, User.oidc_disabled: False}).where(
                User.id == user_id)
            await audit.record(actor, "user.oidc_role_change", None,
                               {**base, "from": before, "to": after})
    await audit.record(actor, "user.oidc_login", None,
                       {**base, "role": granted.role.value, "region": granted.region,
                        "roles_in_claims": list(granted.roles_in_claims)})
    token = await users.new_session(user_id)
    return SignedIn(token, granted.role, username, created)


async def _take_access(user: dict[str, Any], base: dict[str, str | None]) -> None:
    """The provider no longer gives this person a role: out now, sessions included."""
    await User.update({User.active: False, User.oidc_disabled: True}).where(
        User.id == user["id"])
    await AuthToken.delete().where(AuthToken.user == user["id"])
    await audit.record(_actor(user), "user.oidc_role_change", None,
                       {**base, "from": {"role": user["role"], "region": user["region_code"],
                                         "active": True},
                        "to": {"role": None, "region": None, "active": False}})


def _actor(user: dict[str, Any]) -> Actor:
    return Actor(user["id"], user["username"], Role(user["role"]), user["region_code"],
                 user["display_name"] or "")


def _text(value: str | None, limit: int) -> str:
    return value.strip()[:limit] if value is not None else ""


async def _free_username(claims: Claims, key: str) -> str:
    """The provider's user name (the configured claim) when it is free here; otherwise it
    with a short mark of the account, so two people (or a local account) never share one."""
    wanted = _text(claims.username, 60) or _text(claims.email, 60) or _text(claims.sub, 60)
    if wanted and not await User.exists().where(User.username == wanted):
        return wanted
    mark = hashlib.sha256(key.encode()).hexdigest()[:8]
    return f"{wanted[:50]}-{mark}"


async def actor_for_subject(settings: OidcSettings, subject: str) -> Actor:
    """The active local user linked to a provider account (API bearer tokens from the
    provider); a person never signed in here, or without access, is refused."""
    row = await User.select(User.id, User.username, User.display_name, User.role,
                            User.active, User.region.code.as_alias("region_code")).where(
        User.oidc_key == oidc_key(settings.issuer, subject)).first()
    if row is None or not row["active"]:
        raise NotAuthenticated("Kontot har ingen behörighet i verktyget. Logga in på sidorna "
                               "en gång med Arbetsmiljöverkets konto.")
    return Actor(row["id"], row["username"], Role(row["role"]), row["region_code"],
                 row["display_name"] or "")


async def is_linked(user_id: int) -> bool:
    """Whether the user signs in through the provider (then logout goes on to it too)."""
    row = await User.select(User.oidc_key).where(User.id == user_id).first()
    return bool(row and row["oidc_key"])

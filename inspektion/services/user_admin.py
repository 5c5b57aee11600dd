"""The administrator's changes to accounts: deactivate, reactivate, reset a password, change
role and region. Each is one transaction and one audit event (never the password itself).

An admin cannot deactivate or demote themselves (the agency would be left without anyone
who can undo it). Deactivating or resetting ends the user's sessions at once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher

from inspektion.db.tables import AuthToken, Region, User
from inspektion.domain.access import Actor, require_role
from inspektion.domain.errors import InvalidInput, NotFound, StepRefused
from inspektion.domain.roles import Role, parse_role
from inspektion.services import audit, offload
from inspektion.services.transactions import write_tx

_hasher = PasswordHasher()
REGIONAL = (Role.INSPEKTOR, Role.SAMORDNARE)


async def _user(user_id: int) -> dict[str, Any]:
    row = await User.select(User.id, User.username, User.role, User.active,
                            User.region.code.as_alias("region")).where(User.id == user_id).first()
    if row is None:
        raise NotFound(f"Användaren finns inte (id {user_id}).")
    return dict(row)


def _not_self(actor: Actor, user: dict[str, Any], what: str) -> None:
    if user["id"] == actor.user_id:
        raise StepRefused(f"Du kan inte {what} ditt eget konto; be en annan administratör.")


@dataclass(frozen=True)
class ActiveSet:
    id: int
    username: str
    active: bool


@dataclass(frozen=True)
class PasswordReset:
    """The new password, shown once to the admin who hands it over."""

    id: int
    username: str
    password: str


@dataclass(frozen=True)
class RoleChanged:
    id: int
    username: str
    role: str
    region: str | None


@dataclass(frozen=True)
class RegionChoice:
    code: str
    namn: str


async def set_active(actor: Actor, user_id: int, active: bool) -> ActiveSet:
    require_role(actor, Role.ADMIN)
    async with write_tx():
        user = await _user(user_id)
        if not active:
            _not_self(actor, user, "inaktivera")
        await User.update({User.active: active}).where(User.id == user_id)
        if not active:
            await AuthToken.delete().where(AuthToken.user == user_id)
        await audit.record(actor, "user.activate" if active else "user.deactivate", None, {
            "username": user["username"], "before": {"active": user["active"]},
            "after": {"active": active}})
    return ActiveSet(user_id, user["username"], active)


async def reset_password(actor: Actor, user_id: int) -> PasswordReset:
    """A new random password, returned once for the admin to hand over; sessions end."""
    require_role(actor, Role.ADMIN)
    password = secrets.token_urlsafe(12)
    password_hash = await offload.hashing(_hasher.hash, password)
    async with write_tx():
        user = await _user(user_id)
        await User.update({User.password_hash: password_hash, User.failed_logins: 0,
                           User.locked_until: None}).where(User.id == user_id)
        await AuthToken.delete().where(AuthToken.user == user_id)
        await audit.record(actor, "user.password_reset", None, {"username": user["username"]})
    return PasswordReset(user_id, user["username"], password)


async def change_role(actor: Actor, user_id: int, role: str,
                      region: str | None) -> RoleChanged:
    require_role(actor, Role.ADMIN)
    new_role = parse_role(role)
    region = (region or "").strip() or None
    if new_role in REGIONAL and not region:
        raise InvalidInput("En inspektör eller samordnare måste höra till en region.", "region")
    if new_role not in REGIONAL:
        region = None
    region_id = None
    if region:
        row = await Region.select(Region.id).where(Region.code == region).first()
        if row is None:
            raise InvalidInput(f"Okänd region {region!r}.", "region")
        region_id = row["id"]
    async with write_tx():
        user = await _user(user_id)
        if new_role.value != user["role"]:
            _not_self(actor, user, "byta roll på")
        await User.update({User.role: new_role.value, User.region: region_id}).where(
            User.id == user_id)
        await AuthToken.delete().where(AuthToken.user == user_id)  # the role is in the session
        await audit.record(actor, "user.role", None, {
            "username": user["username"],
            "before": {"role": user["role"], "region": user["region"]},
            "after": {"role": new_role.value, "region": region}})
    return RoleChanged(user_id, user["username"], new_role.value, region)


async def regions() -> list[RegionChoice]:
    """The regions to choose from on the admin's forms."""
    return [RegionChoice(r["code"], r["namn"])
            for r in await Region.select(Region.code, Region.namn).order_by(Region.code)]

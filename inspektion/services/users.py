"""Users, passwords and login tokens.

Passwords are hashed with argon2 (in a worker thread); failed logins are slowed and throttled
per account name and per address in the database (login_guard.py); tokens are random, stored
only as their SHA-256 and expire.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from inspektion.config import load_settings
from inspektion.db import auth_tokens
from inspektion.db.limits import check_fits
from inspektion.db.tables import AuthToken, Region, User
from inspektion.domain.access import Actor, require_role
from inspektion.domain.collation import swedish_key
from inspektion.domain.errors import Conflict, InvalidInput, NotAuthenticated
from inspektion.domain.roles import Role, parse_role
from inspektion.services import audit, login_guard, offload
from inspektion.services.transactions import write_tx

_hasher = PasswordHasher()
_FAIL_DELAY_SECONDS = 0.5


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist, so timing does not reveal names.
    Made on first use: hashing at import cost a third of a second of every start-up."""
    return _hasher.hash("inte-ett-riktigt-lösenord")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class UserAdded:
    id: int
    username: str
    role: str
    region: str | None


@dataclass(frozen=True)
class SignedIn:
    """A session token and who it is for (the API's LoginOut)."""

    token: str
    role: str
    region: str | None
    username: str
    display_name: str


@dataclass(frozen=True)
class UserRow:
    """A user as the lists of users show them."""

    id: int
    username: str
    display_name: str
    role: str
    region: str | None
    active: bool


@dataclass(frozen=True)
class Inspector:
    id: int
    username: str
    display_name: str

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


async def add_user(username: str, password: str, role: str, region: str | None = None,
                   display_name: str = "", title: str = "", email: str = "", phone: str = "",
                   actor: Actor | None = None) -> UserAdded:
    """Create a user; from the CLI (actor None) or by an admin."""
    if actor is not None:
        require_role(actor, Role.ADMIN)
    parsed_role = parse_role(role)
    username = username.strip()
    if not username or len(username) > 60:
        raise InvalidInput("Användarnamnet måste ha 1–60 tecken.", "username")
    if len(password) < 4:
        raise InvalidInput("Lösenordet måste ha minst 4 tecken.", "password")
    check_fits("display_name", display_name, User.display_name, "Namnet")
    check_fits("title", title, User.title, "Titeln")
    check_fits("email", email, User.email, "E-postadressen")
    check_fits("phone", phone, User.phone, "Telefonnumret")
    region_id = None
    if parsed_role in (Role.INSPEKTOR, Role.SAMORDNARE) and not region:
        raise InvalidInput("En inspektör eller samordnare måste höra till en region.",
                           "region")
    if region:
        row = await Region.select(Region.id).where(Region.code == region).first()
        if row is None:
            codes = ", ".join(r["code"] for r in await Region.select(Region.code))
            raise InvalidInput(f"Okänd region {region!r}; välj en av {codes}.", "region")
        region_id = row["id"]
    password_hash = await offload.hashing(_hasher.hash, password)
    async with write_tx():
        if await User.exists().where(User.username == username):
            raise Conflict(f"Användaren {username!r} finns redan.")
        rows = await User.insert(User(
            username=username, password_hash=password_hash, role=parsed_role.value,
            region=region_id, display_name=display_name or username, title=title, email=email,
            phone=phone)).returning(User.id)
        await audit.record(actor, "user.add", None,
                           {"username": username, "role": parsed_role.value, "region": region})
    return UserAdded(int(rows[0]["id"]), username, parsed_role.value, region)


LOCAL_OFF = ("Inloggning med lösenord är avstängd. Logga in med Arbetsmiljöverkets konto.")
LOCKED = "För många misslyckade inloggningar. Försök igen om {minutes} {unit}."
WRONG = "Fel användarnamn eller lösenord."


async def login(username: str, password: str, address: str | None = None) -> SignedIn:
    """Check a password and hand out a token.

    Unknown and known names get the same answers after the same work (a known user's hash or a
    dummy one is verified either way), and are throttled alike (services/login_guard.py).
    The argon2 work runs in a worker thread (services/offload.py), never on the event loop.
    """
    settings = load_settings()
    break_glass = not settings.local_login
    if break_glass and username not in settings.break_glass_users:
        # INSPEKTION_LOCAL_LOGIN=0: the same answer for every name not on the list, so it
        # tells nothing about which accounts exist.
        raise NotAuthenticated(LOCAL_OFF)
    verdict = await login_guard.reserve(username, address)
    if not verdict.allowed:
        await asyncio.sleep(_FAIL_DELAY_SECONDS)
        minutes = max(1, math.ceil(verdict.wait_seconds / 60))
        raise NotAuthenticated(LOCKED.format(minutes=minutes,
                                             unit="minut" if minutes == 1 else "minuter"))
    user = await User.select(*User.all_columns(), User.region.code.as_alias("region_code")
                             ).where(User.username == username).first()
    known = user is not None and user["active"]
    if known and user is not None:
        ok = await offload.hashing(_check, user["password_hash"], password)
    else:
        ok = await offload.hashing(_check_dummy, password)
    if not (known and ok) or user is None:
        await asyncio.sleep(_FAIL_DELAY_SECONDS)
        raise NotAuthenticated(WRONG)
    await login_guard.succeeded(username, address)
    if break_glass:
        if user["role"] != Role.ADMIN.value:
            raise NotAuthenticated(LOCAL_OFF)  # break-glass is for administrators only
        async with write_tx():
            await audit.record(_actor_of(user), "user.break_glass_login", None,
                               {"address": address})
    token = await new_session(user["id"])
    return SignedIn(token, user["role"], user["region_code"], user["username"],
                    user["display_name"])


async def new_session(user_id: int) -> str:
    """A fresh login token for the user (a password or the identity provider proved who they
    are); only its SHA-256 is stored."""
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(hours=load_settings().token_ttl_hours)
    await AuthToken.insert(AuthToken(token_hash=_token_hash(token), user=user_id,
                                     expires_at=expires))
    return token


def _actor_of(user: dict[str, Any]) -> Actor:
    return Actor(user["id"], user["username"], Role(user["role"]), user.get("region_code"),
                 user.get("display_name") or "")


def _check_dummy(password: str) -> bool:
    _check(_dummy_hash(), password)
    return False


def _check(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def actor_for_token(token: str) -> Actor:
    """The user behind a token; a missing, forged or expired token is refused alike."""
    row = await auth_tokens.actor_row(_token_hash(token))
    if row is None or not row["active"] or _aware(row["expires_at"]) <= datetime.now(UTC):
        raise NotAuthenticated("Inloggningen saknas eller har gått ut. Logga in igen.")
    return Actor(row["uid"], row["username"], Role(row["role"]), row["region"],
                 row["display_name"] or "")


async def logout(token: str) -> None:
    await AuthToken.delete().where(AuthToken.token_hash == _token_hash(token))


async def list_users(actor: Actor) -> list[UserRow]:
    require_role(actor, Role.ADMIN, Role.SAMORDNARE)
    query = User.select(User.id, User.username, User.display_name, User.role,
                        User.region.code.as_alias("region"), User.active).order_by(User.username)
    if actor.role is Role.SAMORDNARE:
        query = query.where(User.region.code == actor.region)
    return [UserRow(int(r["id"]), r["username"], r["display_name"], r["role"], r["region"],
                    bool(r["active"])) for r in await query]


async def display_names(usernames: set[str]) -> dict[str, str]:
    """Username → the name the pages show (the username when no name is set)."""
    if not usernames:
        return {}
    rows = await User.select(User.username, User.display_name).where(
        User.username.is_in(sorted(usernames)))
    return {r["username"]: r["display_name"] or r["username"] for r in rows}


async def region_inspectors(actor: Actor) -> list[Inspector]:
    """The active inspectors of the actor's region, by name in Swedish order: the people a
    second inspector is chosen from."""
    require_role(actor, Role.INSPEKTOR, Role.SAMORDNARE)
    rows = await User.select(User.id, User.username, User.display_name).where(
        (User.region.code == actor.region) & (User.role == Role.INSPEKTOR.value)
        & (User.active == True))  # noqa: E712
    people = [Inspector(int(r["id"]), r["username"], r["display_name"]) for r in rows]
    return sorted(people, key=lambda p: swedish_key(p.shown_name))

"""How many failed logins an account name and a client address may have, shared by every process.

Each login attempt first *reserves* a try with one atomic upsert (INSERT … ON CONFLICT DO
UPDATE … RETURNING, in db/login_throttle.py) per key, before the password is checked: fifty
parallel guesses cannot all be checked because they all read "no failures yet" — the database
hands out try 1, 2, 3 … and refuses the ones past the limit. A successful login gives the try back.

Keys are the account name as typed ("u:…", whether or not such a user exists, so the answer
never tells which names exist) and the client address ("a:…"). Past the limit a key is blocked
for a while, and each further block of the same key is twice as long, up to
INSPEKTION_LOGIN_LOCK_MINUTES: an attacker is slowed more and more, while a colleague whose name
someone hammers is never locked out for longer than that cap, and a quiet spell of twice the cap
forgets the history. The per-address limit (INSPEKTION_LOGIN_MAX_FAILURES_PER_ADDRESS) stops one
machine trying many names; it is checked first, so a blocked address cannot keep a colleague's
account blocked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from inspektion.config import load_settings
from inspektion.db import login_throttle

BASE_LOCK_SECONDS = 60.0

@dataclass(frozen=True)
class Verdict:
    """May the password be checked; if not, for how many more seconds the key is blocked."""

    allowed: bool
    wait_seconds: float = 0.0


def account_key(username: str) -> str:
    return "u:" + username.strip().casefold()[:190]


def address_key(address: str) -> str:
    return "a:" + address[:190]


def lock_seconds(lockouts: int, cap_minutes: int) -> float:
    """1, 2, 4, 8 … minutes, never more than the cap."""
    return float(min(cap_minutes * 60.0, BASE_LOCK_SECONDS * 2 ** min(lockouts, 20)))


async def _reserve(key: str, limit: int, now: float, cap_minutes: int) -> Verdict:
    forget_before = now - 2 * cap_minutes * 60.0
    row = await login_throttle.reserve_try(key, now, forget_before)
    if row["blocked_until"] > now:
        return Verdict(False, row["blocked_until"] - now)
    if row["failures"] > limit:
        until = now + lock_seconds(row["lockouts"], cap_minutes)
        await login_throttle.block(key, until, now)
        return Verdict(False, until - now)
    return Verdict(True)


async def reserve(username: str, address: str | None) -> Verdict:
    """Take one try for the address, then for the account name; refuse past either limit."""
    settings = load_settings()
    now = time.time()
    if address:
        verdict = await _reserve(address_key(address), settings.login_max_failures_per_address,
                                 now, settings.login_lock_minutes)
        if not verdict.allowed:
            return verdict
    return await _reserve(account_key(username), settings.login_max_failures, now,
                          settings.login_lock_minutes)


async def succeeded(username: str, address: str | None) -> None:
    """The right password: the account's history is forgiven, the address gets its try back."""
    await login_throttle.forgive(account_key(username))
    if address:
        await login_throttle.give_back(address_key(address))

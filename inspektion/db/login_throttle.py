"""The `login_throttle` counters: one atomic statement per step, shared by every process.

services/login_guard.py counts failed logins with them, services/svar_throttle.py the answer
form's requests. Each count is an upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING) so that
parallel requests are handed try 1, 2, 3 … by the database, never the same one twice.
"""

from __future__ import annotations

from typing import Any

from inspektion.db.tables import LoginThrottle

# A failure counts from 1 again once the last one is older than `forget_before`; a key that is
# blocked keeps its count, and one that was quiet that long forgets its lockouts too.
_RESERVE = (
    'INSERT INTO login_throttle ("key", failures, lockouts, last_failure, blocked_until) '
    "VALUES ({}, 1, 0, {}, 0) "
    'ON CONFLICT ("key") DO UPDATE SET '
    "failures = CASE WHEN login_throttle.blocked_until > excluded.last_failure "
    "THEN login_throttle.failures "
    "WHEN login_throttle.last_failure < {} THEN 1 ELSE login_throttle.failures + 1 END, "
    "lockouts = CASE WHEN login_throttle.blocked_until <= excluded.last_failure "
    "AND login_throttle.last_failure < {} THEN 0 ELSE login_throttle.lockouts END, "
    "last_failure = CASE WHEN login_throttle.blocked_until > excluded.last_failure "
    "THEN login_throttle.last_failure ELSE excluded.last_failure END "
    "RETURNING failures, lockouts, blocked_until")
_BLOCK = ("UPDATE login_throttle SET blocked_until = {}, lockouts = lockouts + 1, failures = 0 "
          'WHERE "key" = {} AND blocked_until <= {}')
_FORGIVE = ("UPDATE login_throttle SET failures = 0, lockouts = 0, blocked_until = 0 "
            'WHERE "key" = {}')
_GIVE_BACK = ("UPDATE login_throttle SET failures = failures - 1 "
              'WHERE "key" = {} AND failures > 0')
# A fixed window: the count starts at 1 again when the window's first request is older than
# `starts_after`; `last_failure` holds when the window started.
_TAKE = (
    'INSERT INTO login_throttle ("key", failures, lockouts, last_failure, blocked_until) '
    "VALUES ({}, 1, 0, {}, 0) "
    'ON CONFLICT ("key") DO UPDATE SET '
    "failures = CASE WHEN login_throttle.last_failure < {} THEN 1 "
    "ELSE login_throttle.failures + 1 END, "
    "last_failure = CASE WHEN login_throttle.last_failure < {} THEN excluded.last_failure "
    "ELSE login_throttle.last_failure END "
    "RETURNING failures, last_failure")


async def reserve_try(key: str, now: float, forget_before: float) -> dict[str, Any]:
    """Count one try against `key`: its failures, lockouts and blocked_until afterwards."""
    rows = await LoginThrottle.raw(_RESERVE, key, now, forget_before, forget_before)
    return dict(rows[0])


async def block(key: str, until: float, now: float) -> None:
    """Block `key` until then (once: a key already blocked at `now` is left as it is)."""
    await LoginThrottle.raw(_BLOCK, until, key, now)


async def forgive(key: str) -> None:
    """Forget the key's failures and lockouts."""
    await LoginThrottle.raw(_FORGIVE, key)


async def give_back(key: str) -> None:
    """Take back one counted try."""
    await LoginThrottle.raw(_GIVE_BACK, key)


async def take_in_window(key: str, at: float, starts_after: float) -> dict[str, Any]:
    """Count one request against `key` in a fixed window: its count and the window's start."""
    rows = await LoginThrottle.raw(_TAKE, key, at, starts_after, starts_after)
    return dict(rows[0])

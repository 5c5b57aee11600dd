"""How often one client address may ask for answer forms, and one link may be posted to.

The answer form has no login, so its limits are per client address (every request to
`/svar…`, including wrong codes: guessing is slowed as well as impossible) and per link
(each save or send). Counted in the `login_throttle` table with keys of their own ("sa:…",
"sl:…"), by one atomic upsert per request, so every process shares the count: a fixed window
that starts with a key's first request and counts up to the limit; past it, the request is
refused until the window ends. The link is counted by the first 32 characters of its hash:
the raw token is never written anywhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from inspektion.config import load_settings
from inspektion.db import login_throttle
from inspektion.domain.errors import TooManyRequests


class RateLimited(TooManyRequests):
    """Too many requests from one address or to one link within the window → 429."""

    def __init__(self, wait_seconds: float) -> None:
        minutes = max(1, int(wait_seconds // 60) + (1 if wait_seconds % 60 else 0))
        super().__init__(f"För många försök på kort tid. Vänta {minutes} minut"
                         f"{'er' if minutes > 1 else ''} och försök igen.")
        self.wait_seconds = wait_seconds


@dataclass(frozen=True)
class Window:
    limit: int
    seconds: float


async def take(key: str, window: Window, now: float | None = None) -> None:
    """Count one request against `key`; RateLimited past the window's limit."""
    at = time.time() if now is None else now
    starts_after = at - window.seconds
    row = await login_throttle.take_in_window(key[:200], at, starts_after)
    count, started = int(row["failures"]), float(row["last_failure"])
    if count > window.limit:
        raise RateLimited(started + window.seconds - at)


def _window(limit: int) -> Window:
    return Window(limit, load_settings().svar_window_minutes * 60.0)


async def request_from(address: str | None) -> None:
    if address:
        await take("sa:" + address[:190], _window(load_settings().svar_max_requests_per_address))


async def post_to(link_hash: str) -> None:
    await take("sl:" + link_hash[:32], _window(load_settings().svar_max_posts_per_link))

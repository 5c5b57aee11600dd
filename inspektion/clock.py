"""The one clock of the tool.

Every "today" — in the server, the sweeps, the letters — comes from `today()`, so that
`INSPEKTION_TODAY` (training, demonstrations, tests) moves the whole tool at once.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_override: date | None = None


def today() -> date:
    """Today's date in Sweden, or the date the environment or a test set."""
    if _override is not None:
        return _override
    raw = os.environ.get("INSPEKTION_TODAY")
    if raw:
        try:
            return date.fromisoformat(raw)
        except ValueError as exc:
            raise SystemExit(
                f"INSPEKTION_TODAY måste vara ett datum ÅÅÅÅ-MM-DD, inte {raw!r}") from exc
    return datetime.now(STOCKHOLM).date()


def now() -> datetime:
    """An aware timestamp; on an overridden day it keeps the wall-clock time of that day."""
    real = datetime.now(STOCKHOLM)
    day = today()
    if day == real.date():
        return real
    return real + timedelta(days=(day - real.date()).days)


def set_today(day: date | None) -> None:
    """Move the clock (for `--now`, tests); None returns to the environment or the real date."""
    global _override
    _override = day

"""Whose "today", and how many days: the sweep's day is the Swedish date of the one clock, and
the thresholds are settings, not constants."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Any

import pytest

from inspektion import clock
from inspektion.services.reminders import run_sweep
from tests.services.reminder_support import (
    all_reminders,
    open_kinds,
)
from tests.support import Walker, move_days


async def test_thresholds_come_from_the_settings(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPEKTION_REMINDER_ANSWER_DUE_DAYS", "3")
    monkeypatch.setenv("INSPEKTION_REMINDER_INACTIVE_DAYS", "30")
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=1, days=10)         # answer due Thursday 2026-12-03
    move_days(6)                                     # 4 days before: the default 7 would remind
    await run_sweep()
    assert await open_kinds(client, tokens["insp"]) == []
    move_days(1)
    await run_sweep()
    assert await open_kinds(client, tokens["insp"]) == ["svar_snart"]
    clock.set_today(date(2027, 1, 1))                # 29 days after the answer date
    await run_sweep()
    assert await open_kinds(client, tokens["insp"]) == ["svar_forsenat"]
    clock.set_today(date(2027, 1, 2))                # 30: quiet for the setting, not for 60
    await run_sweep()
    assert await open_kinds(client, tokens["insp"]) == ["svar_forsenat", "inaktivt"]


class _HalfPastElevenUtc(datetime):
    """The real clock at 23:30 UTC on 3 December: already the 4th in Sweden."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> Any:
        return datetime(2026, 12, 3, 23, 30, tzinfo=UTC).astimezone(tz)


async def test_the_sweep_day_is_the_swedish_date(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=1, days=10)         # answer due 2026-12-03
    monkeypatch.setattr(clock, "datetime", _HalfPastElevenUtc)
    clock.set_today(None)                            # the real clock, as in production
    result = await run_sweep()
    assert result.today == date(2026, 12, 4)         # not the UTC date, 2026-12-03
    assert result.created.get("svar_forsenat") == 1  # the answer is late on the 4th
    late = [r for r in await all_reminders() if r["kind"] == "svar_forsenat"]
    assert {r["created"] for r in late} == {date(2026, 12, 4)}
    assert all(r["due_on"] == date(2026, 12, 3) for r in late)


def test_a_bad_now_is_refused_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    from inspektion.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["reminders", "run", "--now", "2026-13-01"])
    assert stopped.value.code == 2
    assert "--now ska vara ett datum ÅÅÅÅ-MM-DD, inte '2026-13-01'" in capsys.readouterr().err

"""Each reminder exactly once: two sweeps at once, two processes at once, a sweep cut short.

On PostgreSQL the two in-process sweeps really race (each transaction has its own
connection); on SQLite they queue for the write lock. Both must end with the same rows.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inspektion import clock
from inspektion.services import audit, reminders_due
from inspektion.services import reminders as reminders_service
from inspektion.services.reminders import run_sweep
from tests.conftest import TEST_URL
from tests.services.reminder_support import (
    all_reminders,
    sweep_audit_counts,
)
from tests.support import LUND, MALMO, Walker, move_days

ROOT = Path(__file__).resolve().parents[2]


async def _overdue_cases(client: Any, tokens: dict[str, str], campaign_id: int,
                         n: int) -> list[Walker]:
    """n cases whose answers are overdue, each with two inspectors: 2n reminders + digests."""
    walkers = []
    for i in range(n):
        w = Walker(client, tokens, campaign_id)
        await w.open(kommunkod=MALMO if i % 2 == 0 else LUND)
        await w.post("assign", {"inspektor1": "insp", "inspektor2": "insp_b"},
                     role="samordnare", expect=200)
        await w.to_meddelande(n_krav=1, days=10)
        walkers.append(w)
    move_days(14)
    return walkers


def _expected_count(n_cases: int) -> int:
    return 2 * n_cases + 2   # svar_forsenat to both inspectors, digests to two samordnare


async def test_two_sweeps_at_once_create_each_reminder_once(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    await _overdue_cases(client, tokens, campaign_id, 3)
    real_collect = reminders_due.collect
    both_read = asyncio.Barrier(2)

    async def collect_then_wait(today: date, th: Any, *rest: Any) -> Any:
        planned = await real_collect(today, th, *rest)
        await both_read.wait()      # both sweeps have read before either writes
        return planned

    monkeypatch.setattr(reminders_service, "collect", collect_then_wait)
    monkeypatch.setattr(reminders_service, "BATCH", 3)
    first, second = await asyncio.gather(run_sweep(), run_sweep())
    rows = await all_reminders()
    assert len(rows) == _expected_count(3)
    assert len({r["key"] for r in rows}) == len(rows)
    assert first.total_created + second.total_created == len(rows)
    assert await sweep_audit_counts() == (len(rows), 0)
    monkeypatch.setattr(reminders_service, "collect", real_collect)
    again = await run_sweep()
    assert (again.total_created, again.total_resolved) == (0, 0)


async def test_two_processes_at_once_create_each_reminder_once(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    await _overdue_cases(client, tokens, campaign_id, 2)
    env = {**os.environ, "INSPEKTION_DATABASE_URL": TEST_URL, "INSPEKTION_SCHEDULER": "0"}
    env.pop("INSPEKTION_TODAY", None)
    command = [sys.executable, "-m", "inspektion.cli", "reminders", "run",
               "--now", clock.today().isoformat()]
    procs = [await asyncio.create_subprocess_exec(
        *command, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE) for _ in range(2)]
    outputs = [await p.communicate() for p in procs]
    created = 0
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err.decode()
        match = re.search(r"Påminnelser \S+: (\d+) nya", out.decode())
        assert match, out.decode()
        created += int(match.group(1))
    rows = await all_reminders()
    assert created == len(rows) == _expected_count(2)
    assert len({r["key"] for r in rows}) == len(rows)


class _FailingAudit:
    """Lets the first batch through, then fails inside the second batch's transaction."""

    def __init__(self) -> None:
        self.calls = 0

    async def record(self, *args: Any, **kwargs: Any) -> None:
        self.calls += 1
        if self.calls == 2:
            raise RuntimeError("strömavbrott mitt i svepet")
        await audit.record(*args, **kwargs)


async def test_interrupted_sweep_leaves_whole_batches_and_the_next_finishes(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    await _overdue_cases(client, tokens, campaign_id, 3)
    monkeypatch.setattr(reminders_service, "BATCH", 3)
    monkeypatch.setattr(reminders_service, "audit", _FailingAudit())
    with pytest.raises(RuntimeError):
        await run_sweep()
    rows = await all_reminders()
    assert len(rows) == 3                              # the first batch, whole; not the second
    assert await sweep_audit_counts() == (3, 0)        # and its audit event with it
    monkeypatch.setattr(reminders_service, "audit", audit)
    result = await run_sweep()
    rows = await all_reminders()
    assert result.total_created == _expected_count(3) - 3
    assert len(rows) == _expected_count(3) and len({r["key"] for r in rows}) == len(rows)
    assert await sweep_audit_counts() == (len(rows), 0)


async def test_interrupted_resolution_is_finished_by_the_next_sweep(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    walkers = await _overdue_cases(client, tokens, campaign_id, 3)
    await run_sweep()

    async def leave_to_the_sweep(case_ids: list[int], today: Any = None) -> int:
        return 0

    # A step settles its own case's reminders; here they are left stale for the sweep.
    monkeypatch.setattr(reminders_service, "settle_cases", leave_to_the_sweep)
    for w in walkers:                                  # every answer comes in
        await w.post("svar", {"received": clock.today().isoformat(), "assessments": [
            {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"}]})
    monkeypatch.setattr(reminders_service, "BATCH", 4)
    monkeypatch.setattr(reminders_service, "audit", _FailingAudit())
    with pytest.raises(RuntimeError):
        await run_sweep()
    assert sum(1 for r in await all_reminders() if r["resolved"]) == 4
    monkeypatch.setattr(reminders_service, "audit", audit)
    assert (await run_sweep()).total_resolved == 2
    assert [r["kind"] for r in await all_reminders() if not r["resolved"]] == [
        "veckosammanstallning", "veckosammanstallning"]

"""Reminders: the sweep that creates and resolves them, a user's open list, dismissing one.

Why it is safe to run the sweep anywhere, any number of times:
- Every reminder has a unique key (kind, subject, day, recipient). New ones are written with
  INSERT ... ON CONFLICT (key) DO NOTHING, so two sweeps at once, a sweep repeated after a
  crash, or the scheduler in several app processes still make each reminder exactly once.
- The sweep works in batches, one transaction each (reminders plus one audit event). An
  interrupted sweep leaves whole batches behind, never half of one; the next sweep sees what
  exists and does the rest.
- A reminder whose cause is gone (answer registered, krav assessed, decision served, case
  closed, a new week's digest) is no longer due, and the sweep marks it resolved.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from inspektion import clock
from inspektion.config import load_settings
from inspektion.db.queries_reminders import insert_reminders, unresolved_keys
from inspektion.db.tables import Reminder
from inspektion.db.transaction import transaction
from inspektion.domain.access import Actor
from inspektion.domain.errors import NotFound
from inspektion.domain.reminder_rules import NOTICE_KINDS, ReminderKind, Thresholds
from inspektion.services import audit
from inspektion.services.escalation_queue import escalation_queue
from inspektion.services.reminder_mail import send_pending
from inspektion.services.reminders_due import Planned, collect

__all__ = ["ReminderOut", "SweepResult", "dismiss", "escalation_queue", "open_reminders",
           "run_sweep"]

BATCH = 5000  # reminders per transaction

try:  # a deadlock between two sweeps on PostgreSQL is retried, not reported
    from asyncpg.exceptions import TransactionRollbackError as _Retryable
except ImportError:  # pragma: no cover
    _Retryable = ()

T = TypeVar("T")


@dataclass
class SweepResult:
    today: date
    created: dict[str, int] = field(default_factory=dict)
    resolved: dict[str, int] = field(default_factory=dict)
    due: int = 0            # reminders that should exist today (open, or dismissed)
    emailed: int = 0
    email_failed: int = 0
    skipped: list[int] = field(default_factory=list)  # cases the rules could not judge

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_resolved(self) -> int:
        return sum(self.resolved.values())


def thresholds() -> Thresholds:
    s = load_settings()
    return Thresholds(s.reminder_answer_due_days, s.reminder_inactive_days,
                      s.reminder_unserved_days)


async def _retrying(work: Callable[[], Awaitable[T]]) -> T:
    for attempt in range(4):
        try:
            return await work()
        except _Retryable:
            if attempt == 3:
                raise
            await asyncio.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


async def _create(batch: list[tuple[str, Planned]], today: date) -> Counter[str]:
    """Insert the batch and its audit event in one transaction; keys already there are
    skipped by the database, so only what this sweep really made is counted."""
    rows_json = json.dumps([[key, due.kind.value, user_id, due.case_id, due.message,
                             due.due_on.isoformat()] for key, (due, user_id) in batch])
    async with transaction():
        made = await insert_reminders(rows_json, clock.now())
        if made:
            await audit.record(None, "reminders.created", None, {
                "date": today.isoformat(), "count": sum(made.values()), "kinds": dict(made)})
    return made


async def _resolve(keys: list[str], today: date) -> Counter[str]:
    async with transaction():
        rows = await Reminder.update({Reminder.resolved_at: clock.now()}).where(
            Reminder.key.is_in(keys) & Reminder.resolved_at.is_null()).returning(Reminder.kind)
        done: Counter[str] = Counter(r["kind"] for r in rows)
        if done:
            await audit.record(None, "reminders.resolved", None, {
                "date": today.isoformat(), "count": sum(done.values()), "kinds": dict(done)})
    return done


async def run_sweep(today: date | None = None) -> SweepResult:
    """Create what is due and not yet there, resolve what is no longer due, then mail."""
    day = today or clock.today()
    # What exists is read before what is due: a reminder another sweep makes in between is
    # then only "not yet there" (its insert is skipped), never "no longer due" (resolved).
    existing = await unresolved_keys()
    skipped: list[int] = []
    planned = await collect(day, thresholds(), skipped)
    result = SweepResult(day, due=len(planned), skipped=sorted(set(skipped)))
    created: Counter[str] = Counter()
    todo = [(k, planned[k]) for k in sorted(planned.keys() - existing)]  # one order: no deadlock
    for start in range(0, len(todo), BATCH):
        chunk = todo[start:start + BATCH]
        created += await _retrying(lambda chunk=chunk: _create(chunk, day))  # type: ignore[misc]
    stale = sorted(existing - planned.keys())
    resolved: Counter[str] = Counter()
    for start in range(0, len(stale), BATCH):
        keys = stale[start:start + BATCH]
        resolved += await _retrying(lambda keys=keys: _resolve(keys, day))  # type: ignore[misc]
    result.created, result.resolved = dict(created), dict(resolved)
    mail = await send_pending(load_settings())
    result.emailed, result.email_failed = mail.sent, mail.failed
    return result


# The kinds the sweep derives from a case's state; the others (a notice that a case was
# assigned, say) are messages that stay until read.
SWEPT_KINDS = frozenset({k.value for k in ReminderKind}
                        - {ReminderKind.VECKOSAMMANSTALLNING.value}
                        - {k.value for k in NOTICE_KINDS})


async def settle_cases(case_ids: list[int], today: date | None = None) -> int:
    """Resolve the reminders of these cases whose cause is gone; call inside the step's tx.

    A step changes what is due (after a föreläggande the jurist's "the time for comments has
    run out, you may decide" no longer holds), so the step itself resolves what it settled
    instead of leaving it to the next sweep. Only resolves: creating is the sweep's. Like
    the sweep's, the resolution is audited as the system's (the step's event is its cause).
    """
    if not case_ids:
        return 0
    open_rows = await Reminder.select(Reminder.key).where(
        Reminder.case.is_in(case_ids) & Reminder.resolved_at.is_null()
        & Reminder.kind.is_in(list(SWEPT_KINDS)))
    if not open_rows:
        return 0
    planned = await collect(today or clock.today(), thresholds(), case_ids=case_ids)
    stale = [r["key"] for r in open_rows if r["key"] not in planned]
    if not stale:
        return 0
    day = today or clock.today()
    rows = await Reminder.update({Reminder.resolved_at: clock.now()}).where(
        Reminder.key.is_in(stale) & Reminder.resolved_at.is_null()).returning(Reminder.kind)
    done: Counter[str] = Counter(r["kind"] for r in rows)
    if done:
        await audit.record(None, "reminders.resolved", None, {
            "date": day.isoformat(), "count": sum(done.values()), "kinds": dict(done),
            "cases": sorted(case_ids)})
    return sum(done.values())


@dataclass(frozen=True)
class ReminderOut:
    """One reminder as its recipient sees it (GET /api/reminders)."""

    id: int
    kind: str
    kind_label: str
    message: str
    due_on: date
    case_id: int | None
    diarienummer: str | None
    created_at: datetime
    emailed_at: datetime | None
    dismissed_at: datetime | None
    resolved_at: datetime | None


def _shape(r: dict[str, Any]) -> ReminderOut:
    kind = ReminderKind(r["kind"])
    return ReminderOut(int(r["id"]), kind.value, kind.label, r["message"], r["due_on"],
                       r["case"], r["diarienummer"], r["created_at"], r["emailed_at"],
                       r["dismissed_at"], r["resolved_at"])


def _columns() -> list[Any]:
    return [Reminder.id, Reminder.kind, Reminder.message, Reminder.due_on, Reminder.case,
            Reminder.case.diarienummer.as_alias("diarienummer"), Reminder.created_at,
            Reminder.emailed_at, Reminder.dismissed_at, Reminder.resolved_at, Reminder.key]


async def open_reminders(actor: Actor) -> list[ReminderOut]:
    """The caller's own reminders that are neither resolved nor dismissed, oldest due first."""
    rows = await Reminder.select(*_columns()).where(
        (Reminder.recipient == actor.user_id) & Reminder.resolved_at.is_null()
        & Reminder.dismissed_at.is_null()).order_by(Reminder.due_on).order_by(Reminder.id)
    return [_shape(r) for r in rows]


async def dismiss(actor: Actor, reminder_id: int) -> ReminderOut:
    """Put one of one's own reminders away; someone else's is 'not found' (404)."""
    async with transaction():
        row = await Reminder.select(*_columns()).where(
            (Reminder.id == reminder_id) & (Reminder.recipient == actor.user_id)).first()
        if row is None:
            raise NotFound(f"Påminnelse {reminder_id} finns inte bland dina påminnelser.")
        if row["dismissed_at"] is None and row["resolved_at"] is None:
            now = clock.now()
            await Reminder.update({Reminder.dismissed_at: now}).where(Reminder.id == reminder_id)
            await audit.record(actor, "reminder.dismiss", row["case"], {
                "reminder_id": reminder_id, "kind": row["kind"], "key": row["key"]})
            row = {**row, "dismissed_at": now}
    return _shape(row)

"""Helpers for the reminder tests: what the reminder table holds, in plain tuples."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from inspektion.clock import STOCKHOLM
from inspektion.db.tables import AuditEvent, Reminder
from tests.support import bearer


async def open_kinds(client: Any, token: str) -> list[str]:
    """The kinds of the caller's open reminders, as GET /api/reminders lists them."""
    r = await client.get("/api/reminders", headers=bearer(token))
    assert r.status_code == 200, r.text
    return [x["kind"] for x in r.json() if x["kind"] not in NOTICES]


def day_of(value: datetime | None) -> date | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite may hand back naive UTC
        from datetime import UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(STOCKHOLM).date()


NOTICES = ("tilldelad", "juristen_agerade")  # made by steps, not by the sweep


async def all_reminders(notices: bool = False) -> list[dict[str, Any]]:
    """The sweep's reminders (and, if asked, the steps' notices) in the order made."""
    rows = await Reminder.select(
        Reminder.id, Reminder.key, Reminder.kind, Reminder.case, Reminder.due_on,
        Reminder.recipient.username.as_alias("user"), Reminder.created_at, Reminder.resolved_at,
        Reminder.dismissed_at, Reminder.emailed_at, Reminder.message,
    ).order_by(Reminder.id)
    return [{**r, "created": day_of(r["created_at"]), "resolved": day_of(r["resolved_at"]),
             "dismissed": day_of(r["dismissed_at"])} for r in rows
            if notices or r["kind"] not in NOTICES]


async def seen(kinds_to_skip: tuple[str, ...] = ()) -> list[tuple[str, str, date | None,
                                                                 date | None]]:
    """(user, kind, created day, resolved day), sorted: what each user was shown and when."""
    return sorted((r["user"], r["kind"], r["created"], r["resolved"])
                  for r in await all_reminders() if r["kind"] not in kinds_to_skip)


async def sweep_audit_counts() -> tuple[int, int]:
    """Reminders created and resolved according to the audit trail."""
    created = resolved = 0
    for e in await AuditEvent.select(AuditEvent.action, AuditEvent.details).where(
            AuditEvent.action.is_in(["reminders.created", "reminders.resolved"])
    ).output(load_json=True):
        if e["action"] == "reminders.created":
            created += e["details"]["count"]
        else:
            resolved += e["details"]["count"]
    return created, resolved

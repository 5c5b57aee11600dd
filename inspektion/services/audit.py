"""Writing to and reading from the append-only audit trail."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from inspektion import clock
from inspektion.db import rollup
from inspektion.db.tables import AuditEvent
from inspektion.domain.access import Actor


async def record(actor: Actor | None, action: str, case_id: int | None = None,
                 details: Mapping[str, object] | None = None) -> None:
    """Append one event; call inside the action's transaction so both land or neither.

    The time comes from the tool's clock, like the letter dates beside it: with
    INSPEKTION_TODAY set (training, demonstrations) the trail and the letters agree.
    """
    rollup.mark(case_id)  # its rollup is refreshed before the transaction commits
    await AuditEvent.insert(AuditEvent(
        case=case_id,
        at=clock.now(),
        username=actor.username if actor else "system",
        action=action,
        details=dict(details or {}),
    ))


@dataclass(frozen=True)
class AuditEntry:
    """One event of a case's trail; `details` is the event's JSON as it was written."""

    id: int
    at: datetime
    user: str
    action: str
    details: dict[str, object]


async def trail(case_id: int) -> list[AuditEntry]:
    rows = await AuditEvent.select(
        AuditEvent.id, AuditEvent.at, AuditEvent.username, AuditEvent.action, AuditEvent.details,
    ).where(AuditEvent.case == case_id).order_by(AuditEvent.id).output(load_json=True)
    return [AuditEntry(int(r["id"]), r["at"], r["username"], r["action"], r["details"])
            for r in rows]

"""Writing to and reading from the append-only audit trail."""

from __future__ import annotations

from typing import Any

from inspektion import clock
from inspektion.db import rollup
from inspektion.db.tables import AuditEvent
from inspektion.domain.access import Actor


async def record(actor: Actor | None, action: str, case_id: int | None = None,
                 details: dict[str, Any] | None = None) -> None:
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
        details=details or {},
    ))


async def trail(case_id: int) -> list[dict[str, Any]]:
    rows = await AuditEvent.select(
        AuditEvent.id, AuditEvent.at, AuditEvent.username, AuditEvent.action, AuditEvent.details,
    ).where(AuditEvent.case == case_id).order_by(AuditEvent.id).output(load_json=True)
    return [{"id": r["id"], "at": r["at"], "user": r["username"], "action": r["action"],
             "details": r["details"]} for r in rows]

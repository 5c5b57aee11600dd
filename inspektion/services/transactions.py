"""One transaction per user action, and what is settled in it before it commits.

The steps inside the transaction record the cases they changed (`services.step_frame.commit`
calls `touched`) and who took which step (`step_frame.begin` calls `acted`). Before the
outermost transaction commits, those cases' reminders are settled and the inspectors told of
the jurist's steps, so a reminder never outlives the change that answered it; and the
campaign rollup of every case changed (steps and audit events mark them) is refreshed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

from inspektion.db import rollup
from inspektion.db.transaction import transaction
from inspektion.domain.access import Actor
from inspektion.domain.lifecycle import Step
from inspektion.services import notices, reminders

# A case changed (its id), or a step taken on it: (case id, who, which step).
_TOUCHED: ContextVar[list[int | tuple[int, Actor, Step]] | None] = ContextVar(
    "touched_cases", default=None)
changed = rollup.mark  # a case whose rows the transaction wrote (db/rollup.py)


def touched(case_id: int) -> None:
    changed(case_id)
    done = _TOUCHED.get()
    if done is not None and case_id not in done:
        done.append(case_id)


def acted(case_id: int, actor: Actor, step: Step) -> None:
    done = _TOUCHED.get()
    if done is not None:
        done.append((case_id, actor, step))


async def _settle() -> None:
    done = _TOUCHED.get() or []
    cases = [c for c in done if isinstance(c, int)]
    if not cases:
        return
    await reminders.settle_cases(cases)  # looked up at the call, as a test may replace it
    for item in done:
        if isinstance(item, tuple) and item[0] in cases:
            await notices.jurist_acted(*item)


@asynccontextmanager
async def write_tx() -> AsyncIterator[None]:
    """One transaction per user action (`db.transaction.transaction`), settled before commit.

    Before it commits, the campaign rollup of every case it changed is brought up to date, so
    the figures never see a step without its counts. A unique rule broken by a concurrent
    writer becomes a Conflict, never a 500.
    """
    outer = _TOUCHED.get() is None
    token = _TOUCHED.set([]) if outer else None
    marks = rollup.start_marking() if outer else None
    try:
        async with transaction():
            yield
            if outer:
                await _settle()
                await rollup.refresh(rollup.marked())
    finally:
        if token is not None:
            _TOUCHED.reset(token)
        if marks is not None:
            rollup.stop_marking(marks)

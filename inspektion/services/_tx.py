"""Transactions that are safe under concurrent writers on both databases."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from asyncpg.exceptions import IntegrityConstraintViolationError as PgIntegrity
from piccolo.engine.sqlite import TransactionType

from inspektion.db import rollup
from inspektion.db.pool import pinned
from inspektion.db.tables import Case
from inspektion.domain.errors import Conflict

# What the steps inside the current transaction did: the cases changed (services/_steps.commit
# adds them) and who took which step (services/_steps.begin). Before the transaction commits,
# the cases' reminders are settled and the inspectors told of the jurist's steps.
_TOUCHED: ContextVar[list[Any] | None] = ContextVar("touched_cases", default=None)


# Every case whose rows the transaction wrote (a step's commit, an audit event on the case):
# their share of the campaign rollup is refreshed before the transaction commits (db/rollup.py).
_CHANGED: ContextVar[set[int] | None] = ContextVar("changed_cases", default=None)


def changed(case_id: int | None) -> None:
    done = _CHANGED.get()
    if done is not None and case_id is not None:
        done.add(int(case_id))


def touched(case_id: int) -> None:
    changed(case_id)
    done = _TOUCHED.get()
    if done is not None and case_id not in done:
        done.append(case_id)


def acted(case_id: int, actor: Any, step: Any) -> None:
    done = _TOUCHED.get()
    if done is not None:
        done.append((case_id, actor, step))


async def _settle() -> None:
    done = _TOUCHED.get() or []
    cases = [c for c in done if isinstance(c, int)]
    if not cases:
        return
    # Imported here: both modules open transactions with write_tx.
    from inspektion.services.notices import jurist_acted
    from inspektion.services.reminders import settle_cases
    await settle_cases(cases)
    for item in done:
        if isinstance(item, tuple) and item[0] in cases:
            await jurist_acted(*item)


@asynccontextmanager
async def write_tx() -> AsyncIterator[None]:
    """One transaction per user action.

    Before it commits, the campaign rollup of every case it changed is brought up to date, so
    the figures never see a step without its counts.

    On SQLite the transaction is IMMEDIATE, so it takes the write lock at once and two writers
    queue instead of failing half-way; on PostgreSQL row locks and unique constraints do it.
    A unique rule broken by a concurrent writer becomes a Conflict, never a 500.
    """
    engine: Any = Case._meta.db
    if pinned():
        raise RuntimeError("write_tx inside one_connection: a read's connection is no "
                           "transaction")
    outer = _TOUCHED.get() is None
    token = _TOUCHED.set([]) if outer else None
    marks = _CHANGED.set(set()) if outer else None
    try:
        if engine.engine_type == "sqlite":
            async with engine.transaction(transaction_type=TransactionType.immediate):
                yield
                if outer:
                    await _settle()
                    await rollup.refresh(sorted(_CHANGED.get() or ()))
        else:
            async with engine.transaction():
                yield
                if outer:
                    await _settle()
                    await rollup.refresh(sorted(_CHANGED.get() or ()))
    except (sqlite3.IntegrityError, PgIntegrity) as exc:
        raise Conflict("Uppgiften krockar med en som redan finns; läs in ärendet och försök igen."
                       ) from exc
    finally:
        if token is not None:
            _TOUCHED.reset(token)
        if marks is not None:
            _CHANGED.reset(marks)

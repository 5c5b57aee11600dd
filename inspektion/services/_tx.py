"""Transactions that are safe under concurrent writers on both databases."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from asyncpg.exceptions import IntegrityConstraintViolationError as PgIntegrity
from piccolo.engine.sqlite import TransactionType

from inspektion.db.tables import Case
from inspektion.domain.errors import Conflict

# The cases a step changed inside the current transaction (services/_steps.commit adds to it);
# their reminders are settled before the transaction commits.
_TOUCHED: ContextVar[list[int] | None] = ContextVar("touched_cases", default=None)


def touched(case_id: int) -> None:
    cases = _TOUCHED.get()
    if cases is not None and case_id not in cases:
        cases.append(case_id)


async def _settle() -> None:
    cases = _TOUCHED.get()
    if cases:
        from inspektion.services.reminders import settle_cases  # reminders uses write_tx too
        await settle_cases(cases)


@asynccontextmanager
async def write_tx() -> AsyncIterator[None]:
    """One transaction per user action.

    On SQLite the transaction is IMMEDIATE, so it takes the write lock at once and two writers
    queue instead of failing half-way; on PostgreSQL row locks and unique constraints do it.
    A unique rule broken by a concurrent writer becomes a Conflict, never a 500.
    """
    engine: Any = Case._meta.db
    outer = _TOUCHED.get() is None
    token = _TOUCHED.set([]) if outer else None
    try:
        if engine.engine_type == "sqlite":
            async with engine.transaction(transaction_type=TransactionType.immediate):
                yield
                if outer:
                    await _settle()
        else:
            async with engine.transaction():
                yield
                if outer:
                    await _settle()
    except (sqlite3.IntegrityError, PgIntegrity) as exc:
        raise Conflict("Uppgiften krockar med en som redan finns; läs in ärendet och försök igen."
                       ) from exc
    finally:
        if token is not None:
            _TOUCHED.reset(token)

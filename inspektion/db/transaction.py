"""One database transaction that is safe under concurrent writers on both databases.

On SQLite the transaction is IMMEDIATE, so it takes the write lock at once and two writers
queue instead of failing half-way; on PostgreSQL row locks and unique constraints do it.
A unique rule broken by a concurrent writer becomes a Conflict, never a 500. A transaction
opened inside another joins it (Piccolo's nested transactions).

Services open a user action with `services.transactions.write_tx`, which adds what must be
settled before the commit; the reminder sweep, which settles nothing, uses this directly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from asyncpg.exceptions import IntegrityConstraintViolationError as PgIntegrity
from piccolo.engine.sqlite import TransactionType

from inspektion.db.tables import Case
from inspektion.domain.errors import Conflict


@asynccontextmanager
async def transaction() -> AsyncIterator[None]:
    engine: Any = Case._meta.db
    try:
        if engine.engine_type == "sqlite":
            async with engine.transaction(transaction_type=TransactionType.immediate):
                yield
        else:
            async with engine.transaction():
                yield
    except (sqlite3.IntegrityError, PgIntegrity) as exc:
        raise Conflict("Uppgiften krockar med en som redan finns; läs in ärendet och försök igen."
                       ) from exc

"""A connection pool per app process on PostgreSQL, opened and closed with the app.

Without it Piccolo opens a new connection for every query, which at 32 concurrent users
costs more than the queries themselves (bench/README.md, "API"). SQLite needs none. The size
is INSPEKTION_DB_POOL_SIZE (default 10, 0 = no pool): with N app processes keep N × size
below PostgreSQL's max_connections (docs/deployment.md). The tests run without a pool,
because their client serves the app from another thread and event loop than the test's own
queries, and an asyncpg connection belongs to the loop that opened it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from inspektion.config import load_settings
from inspektion.db.engine import is_postgres
from inspektion.db.tables import Case


async def _keep_session(connection: Any) -> None:
    """Hand a connection back without asyncpg's reset query.

    Piccolo takes a connection from the pool for every query, and asyncpg's default reset
    (advisory unlock, CLOSE ALL, UNLISTEN, RESET ALL) is one more round trip each time: a case
    page of six queries paid twelve. Nothing here leaves session state behind: settings are
    SET LOCAL or SET TRANSACTION inside a transaction, no advisory locks, no LISTEN; and an
    open transaction is still rolled back by asyncpg before this is called.
    """


async def open_pool() -> None:
    engine: Any = Case._meta.db
    size = load_settings().db_pool_size
    if size > 0 and is_postgres(engine) and getattr(engine, "pool", None) is None:
        await engine.start_connection_pool(min_size=min(2, size), max_size=size,
                                           reset=_keep_session)


async def close_pool() -> None:
    engine: Any = Case._meta.db
    if is_postgres(engine) and getattr(engine, "pool", None) is not None:
        await engine.close_connection_pool()


class _Pinned:
    """What Piccolo finds as the "current transaction" while a read holds one connection: it
    only asks for `.connection`, and runs every query of the context on it (autocommit, as
    outside a transaction)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection


def pinned() -> bool:
    """True inside `one_connection` (services/_tx.write_tx refuses to start there)."""
    engine: Any = Case._meta.db
    current = getattr(engine, "current_transaction", None)
    return current is not None and isinstance(current.get(), _Pinned)


@asynccontextmanager
async def one_connection() -> AsyncIterator[None]:
    """Run a read's queries on one pooled connection: one pool round for the whole page.

    Why: Piccolo takes a connection from the pool for every query, and the case page makes
    six (bench/README.md, "API"); the pool's bookkeeping per acquire was a measurable part of
    the page's CPU. Only for reads: a write inside would not be atomic, so write_tx refuses
    it. Nothing changes on SQLite, without a pool, or inside a transaction (which already
    holds one connection).
    """
    engine: Any = Case._meta.db
    if (not is_postgres(engine) or getattr(engine, "pool", None) is None
            or engine.current_transaction.get() is not None):
        yield
        return
    async with engine.pool.acquire() as connection:
        token = engine.current_transaction.set(_Pinned(connection))
        try:
            yield
        finally:
            engine.current_transaction.reset(token)

"""A connection pool per app process on PostgreSQL, opened and closed with the app.

Without it Piccolo opens a new connection for every query, which at 32 concurrent users
costs more than the queries themselves (bench/README.md, "API"). SQLite needs none. The size
is INSPEKTION_DB_POOL_SIZE (default 10, 0 = no pool): with N app processes keep N × size
below PostgreSQL's max_connections (docs/deployment.md). The tests run without a pool,
because their client serves the app from another thread and event loop than the test's own
queries, and an asyncpg connection belongs to the loop that opened it.
"""

from __future__ import annotations

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

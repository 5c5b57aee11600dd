"""A connection pool per app process on PostgreSQL, opened and closed with the app.

Without it Piccolo opens a new connection for every query, which at 32 concurrent users
costs more than the queries themselves (bench/README.md, "API och skala"). SQLite needs
none. Ten connections per process: with N app processes keep N × 10 below PostgreSQL's
max_connections (docs/deployment.md).
"""

from __future__ import annotations

from typing import Any

from inspektion.db.engine import is_postgres
from inspektion.db.tables import Case

POOL_SIZE = 10


async def open_pool() -> None:
    engine: Any = Case._meta.db
    if is_postgres(engine) and getattr(engine, "pool", None) is None:
        await engine.start_connection_pool(min_size=2, max_size=POOL_SIZE)


async def close_pool() -> None:
    engine: Any = Case._meta.db
    if is_postgres(engine) and getattr(engine, "pool", None) is not None:
        await engine.close_connection_pool()

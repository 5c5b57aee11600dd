"""Bulk writing with the raw driver, inside one transaction, on either database.

The rows go into the tables of db/tables.py: a caller names the Piccolo columns it fills
(`copy(columns, rows)`), so a column renamed or removed there fails here at once, and there
is no second copy of the schema.

PostgreSQL: asyncpg's COPY (`copy_records_to_table`), the fastest way in. SQLite: the
standard library's executemany in one IMMEDIATE transaction. The generator takes ids
itself (it needs them to link rows before writing), so the tables it writes are locked
against other writers for the run — reads go on — and the sequences are moved past the
last id at the end, so later real rows continue where the generated ones stop.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol

import piccolo.engine.sqlite  # noqa: F401  (registers the date/datetime adapters we rely on)
from piccolo.columns import Column
from piccolo.table import Table


def table_of(columns: Sequence[Column]) -> type[Table]:
    """The one table these columns belong to."""
    tables = {c._meta.table for c in columns}
    if len(tables) != 1:
        raise ValueError("Kolumnerna måste höra till en och samma tabell.")
    return tables.pop()


def _names(columns: Sequence[Column]) -> tuple[str, ...]:
    return tuple(c._meta.db_column_name for c in columns)


class Writer(Protocol):
    engine_type: str  # "postgres" or "sqlite"

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]: ...
    async def execute(self, sql: str, *args: Any) -> None: ...
    async def copy(self, columns: Sequence[Column], rows: Sequence[tuple[Any, ...]]) -> None: ...
    async def next_id(self, table: type[Table]) -> int: ...
    async def move_sequence(self, table: type[Table], last_id: int) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


def _placeholders(sql: str, style: str) -> str:
    """Queries are written with `{}`; each driver gets its own parameter marks."""
    parts = sql.split("{}")
    out = parts[0]
    for i, part in enumerate(parts[1:], start=1):
        out += (f"${i}" if style == "pg" else "?") + part
    return out


class PgWriter:
    engine_type = "postgres"

    def __init__(self, conn: Any, tx: Any) -> None:
        self.conn, self.tx = conn, tx

    @classmethod
    async def open(cls, config: dict[str, Any], tables: Sequence[type[Table]]) -> PgWriter:
        import asyncpg

        conn = await asyncpg.connect(**{k: v for k, v in config.items()
                                        if k in ("host", "port", "user", "password",
                                                 "database", "dsn")})
        tx = conn.transaction()
        await tx.start()
        await conn.execute("LOCK TABLE " + ", ".join(f'"{t._meta.tablename}"' for t in tables)
                           + " IN EXCLUSIVE MODE")
        return cls(conn, tx)

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.conn.fetch(_placeholders(sql, "pg"), *args)]

    async def execute(self, sql: str, *args: Any) -> None:
        await self.conn.execute(_placeholders(sql, "pg"), *args)

    async def copy(self, columns: Sequence[Column], rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            await self.conn.copy_records_to_table(table_of(columns)._meta.tablename,
                                                  records=rows, columns=_names(columns))

    async def _sequence(self, table: type[Table]) -> str:
        return str(await self.conn.fetchval("SELECT pg_get_serial_sequence($1, 'id')",
                                            f'"{table._meta.tablename}"'))

    async def next_id(self, table: type[Table]) -> int:
        seq = await self._sequence(table)
        high = await self.conn.fetchval(
            f'SELECT COALESCE(MAX(id), 0) FROM "{table._meta.tablename}"')
        row = await self.conn.fetchrow(f"SELECT last_value, is_called FROM {seq}")
        used = row["last_value"] if row["is_called"] else row["last_value"] - 1
        return int(max(high, used)) + 1

    async def move_sequence(self, table: type[Table], last_id: int) -> None:
        await self.conn.execute("SELECT setval($1, $2)", await self._sequence(table), last_id)

    async def commit(self) -> None:
        await self.tx.commit()
        await self.conn.close()

    async def rollback(self) -> None:
        try:
            await self.tx.rollback()
        finally:
            await self.conn.close()


class SqliteWriter:
    engine_type = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    async def open(cls, path: str) -> SqliteWriter:
        def connect() -> sqlite3.Connection:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("BEGIN IMMEDIATE")  # the write lock for the whole run
            return conn

        return cls(await asyncio.to_thread(connect))

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        def run() -> list[dict[str, Any]]:
            return [dict(r) for r in self.conn.execute(_placeholders(sql, "sqlite"), args)]

        return await asyncio.to_thread(run)

    async def execute(self, sql: str, *args: Any) -> None:
        await asyncio.to_thread(self.conn.execute, _placeholders(sql, "sqlite"), args)

    async def copy(self, columns: Sequence[Column], rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cols = _names(columns)
        sql = (f'INSERT INTO "{table_of(columns)._meta.tablename}" ('
               + ", ".join(f'"{c}"' for c in cols) + ") VALUES ("
               + ", ".join("?" for _ in cols) + ")")
        await asyncio.to_thread(self.conn.executemany, sql, rows)

    async def next_id(self, table: type[Table]) -> int:
        rows = await self.fetch(
            f'SELECT COALESCE(MAX(id), 0) + 1 AS n FROM "{table._meta.tablename}"')
        return int(rows[0]["n"])

    async def move_sequence(self, table: type[Table], last_id: int) -> None:
        """SQLite hands out max(id) + 1 by itself."""

    async def commit(self) -> None:
        await asyncio.to_thread(self.conn.execute, "COMMIT")
        self.conn.close()

    async def rollback(self) -> None:
        try:
            await asyncio.to_thread(self.conn.execute, "ROLLBACK")
        finally:
            self.conn.close()


async def open_writer(tables: Sequence[type[Table]]) -> Writer:
    """A writer on the database these tables are bound to; on PostgreSQL they are locked
    against other writers until it commits (SQLite's IMMEDIATE transaction locks them all)."""
    engine: Any = tables[0]._meta.db
    if engine.engine_type == "sqlite":
        return await SqliteWriter.open(str(engine.path))
    return await PgWriter.open(dict(engine.config), tables)

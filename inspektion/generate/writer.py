"""Bulk writing with the raw driver, inside one transaction, on either database.

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

COLUMNS: dict[str, tuple[str, ...]] = {
    "app_user": ("id", "username", "display_name", "title", "email", "phone", "role", "region",
                 "password_hash", "active", "failed_logins", "locked_until"),
    "campaign": ("id", "name", "start", "end", "target_share"),
    "campaign_region_target": ("id", "campaign", "region", "target_kommuner"),
    "workplace": ("id", "name", "address", "kommun", "employer", "org_nr"),
    "case_file": ("id", "diarienummer", "method", "status", "version", "campaign", "kommun",
                  "region", "workplace", "inspector1", "inspector2", "opened_on", "closed_on",
                  "last_activity_on", "doc_seq", "svar_senast"),
    "meeting": ("id", "case", "kind", "date", "arbetsomrade", "participants", "notes"),
    "gruppsamtal_summary": ("id", "meeting", "case", "arbetsomrade", "respondents", "summary",
                            "reason", "client_key"),
    "krav": ("id", "case", "number", "text", "brist", "citations", "effektmal", "template_slug",
             "deadline", "state", "assessed_on"),
    "document": ("id", "case", "kind", "number", "created_on", "sent_on", "served_on",
                 "served_how", "pdf", "docx", "pdf_sha256", "docx_sha256", "payload"),
    "decision": ("id", "case", "kind", "document", "krav_ids", "vite_sek", "svar_senast",
                 "deadline", "decided_on", "decided_by", "presented_by", "motivering"),
}
TABLES = tuple(COLUMNS)  # also the order that satisfies the foreign keys


class Writer(Protocol):
    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]: ...
    async def execute(self, sql: str, *args: Any) -> None: ...
    async def copy(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None: ...
    async def next_id(self, table: str) -> int: ...
    async def move_sequence(self, table: str, last_id: int) -> None: ...
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
    def __init__(self, conn: Any, tx: Any) -> None:
        self.conn, self.tx = conn, tx

    @classmethod
    async def open(cls, config: dict[str, Any]) -> PgWriter:
        import asyncpg

        conn = await asyncpg.connect(**{k: v for k, v in config.items()
                                        if k in ("host", "port", "user", "password",
                                                 "database", "dsn")})
        tx = conn.transaction()
        await tx.start()
        await conn.execute("LOCK TABLE " + ", ".join(f'"{t}"' for t in TABLES)
                           + " IN EXCLUSIVE MODE")
        return cls(conn, tx)

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.conn.fetch(_placeholders(sql, "pg"), *args)]

    async def execute(self, sql: str, *args: Any) -> None:
        await self.conn.execute(_placeholders(sql, "pg"), *args)

    async def copy(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            await self.conn.copy_records_to_table(table, records=rows, columns=COLUMNS[table])

    async def _sequence(self, table: str) -> str:
        return str(await self.conn.fetchval("SELECT pg_get_serial_sequence($1, 'id')",
                                            f'"{table}"'))

    async def next_id(self, table: str) -> int:
        seq = await self._sequence(table)
        high = await self.conn.fetchval(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        row = await self.conn.fetchrow(f"SELECT last_value, is_called FROM {seq}")
        used = row["last_value"] if row["is_called"] else row["last_value"] - 1
        return int(max(high, used)) + 1

    async def move_sequence(self, table: str, last_id: int) -> None:
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

    async def copy(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cols = COLUMNS[table]
        sql = (f'INSERT INTO "{table}" (' + ", ".join(f'"{c}"' for c in cols) + ") VALUES ("
               + ", ".join("?" for _ in cols) + ")")
        await asyncio.to_thread(self.conn.executemany, sql, rows)

    async def next_id(self, table: str) -> int:
        rows = await self.fetch(f'SELECT COALESCE(MAX(id), 0) + 1 AS n FROM "{table}"')
        return int(rows[0]["n"])

    async def move_sequence(self, table: str, last_id: int) -> None:
        """SQLite hands out max(id) + 1 by itself."""

    async def commit(self) -> None:
        await asyncio.to_thread(self.conn.execute, "COMMIT")
        self.conn.close()

    async def rollback(self) -> None:
        try:
            await asyncio.to_thread(self.conn.execute, "ROLLBACK")
        finally:
            self.conn.close()


async def open_writer(engine: Any) -> Writer:
    """A writer on the database the tables are bound to."""
    if engine.engine_type == "sqlite":
        return await SqliteWriter.open(str(engine.path))
    return await PgWriter.open(dict(engine.config))

"""One engine per process, chosen by the database URL; every table is bound to it."""

from __future__ import annotations

from urllib.parse import urlparse

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from inspektion.config import load_settings
from inspektion.db.tables import ALL_TABLES


def make_engine(url: str) -> Engine:  # type: ignore[type-arg]
    """`sqlite:///path` or `postgresql://user@host:port/db`."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        # A generous timeout: concurrent writers wait for the lock instead of failing.
        return SQLiteEngine(path=path or "inspektion.sqlite", timeout=30)
    if url.startswith(("postgres://", "postgresql://")):
        parsed = urlparse(url)
        config = {
            "host": parsed.hostname or "127.0.0.1",
            "port": parsed.port or 5432,
            "user": parsed.username or "postgres",
            "database": (parsed.path or "/postgres").lstrip("/"),
        }
        if parsed.password:
            config["password"] = parsed.password
        return PostgresEngine(config=config, extensions=())
    raise SystemExit(f"Okänd databas-URL {url!r}: använd sqlite:///fil eller postgresql://...")


def is_postgres(engine: Engine) -> bool:  # type: ignore[type-arg]
    return engine.engine_type in ("postgres", "cockroach")


def bind_database(url: str | None = None) -> None:
    """Point every table at one engine (the URL decides SQLite or PostgreSQL).

    Here rather than beside the app, so the CLI, the scheduler, the generator and the tests
    bind a database without importing the web application.
    """
    engine = make_engine(url or load_settings().database_url)
    for table in ALL_TABLES:
        table._meta.db = engine

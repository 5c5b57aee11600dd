"""The audit trail against the app's own database role (issue 14, PostgreSQL).

The app runs as a role that owns nothing and has the privileges `inspektion grants` prints
(docs/deployment.md). As that role TRUNCATE, DISABLE TRIGGER, DELETE and UPDATE of the audit
trail all fail, while the app's own work (writing cases, adding audit events) still works.
As the owner, TRUNCATE is refused by the statement trigger.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import TEST_URL

pytestmark = pytest.mark.skipif(not TEST_URL.startswith("postgres"),
                                reason="roller finns bara i PostgreSQL")


@pytest.fixture
async def app_conn(db: str) -> AsyncIterator[Any]:
    import asyncpg

    from inspektion.db.app_role import grant_statements

    parts = urlsplit(TEST_URL)
    role = f"inspektion_app_{parts.path.strip('/')}"[:60].replace("-", "_")
    owner = await asyncpg.connect(TEST_URL)
    try:
        exists = await owner.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role)
        if not exists:
            await owner.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'app-test'")
        for statement in grant_statements(role):
            await owner.execute(statement)
        netloc = f"{role}:app-test@{parts.hostname}:{parts.port or 5432}"
        conn = await asyncpg.connect(urlunsplit((parts.scheme, netloc, parts.path, "", "")))
        try:
            yield conn
        finally:
            await conn.close()
            await owner.execute(f"DROP OWNED BY {role}")
    finally:
        await owner.close()


async def _refused(conn: Any, sql: str) -> str:
    import asyncpg

    with pytest.raises(asyncpg.PostgresError) as refused:
        await conn.execute(sql)
    return str(refused.value)


async def test_app_role_cannot_rewrite_the_audit_trail(app_conn: Any) -> None:
    owned = await app_conn.fetchval(
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
        "WHERE r.rolname = current_user")
    assert owned == 0  # the app's role owns nothing
    await app_conn.execute("INSERT INTO audit_event (at, username, action, details) "
                           "VALUES (now(), 'app', 'test.event', '{}')")
    assert await app_conn.fetchval(
        "SELECT count(*) FROM audit_event WHERE action = 'test.event'") == 1
    assert "permission denied" in await _refused(app_conn, "TRUNCATE audit_event")
    assert "must be owner" in await _refused(
        app_conn, "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    assert "must be owner" in await _refused(app_conn, "DROP TRIGGER audit_event_append_only "
                                                       "ON audit_event")
    assert "permission denied" in await _refused(app_conn, "DELETE FROM audit_event")
    assert "permission denied" in await _refused(app_conn,
                                                 "UPDATE audit_event SET action = 'x'")
    assert await app_conn.fetchval(
        "SELECT count(*) FROM audit_event WHERE action = 'test.event'") == 1


async def test_app_role_does_the_apps_work(app_conn: Any) -> None:
    """The same privileges are enough to run the app: read, write and delete its own rows."""
    await app_conn.execute("INSERT INTO login_throttle (key, failures) VALUES ('u:rolltest', 1)")
    await app_conn.execute("UPDATE login_throttle SET failures = 2 WHERE key = 'u:rolltest'")
    await app_conn.execute("DELETE FROM login_throttle WHERE key = 'u:rolltest'")
    assert await app_conn.fetchval("SELECT count(*) FROM kommun") == 290


async def test_even_the_owner_cannot_truncate_the_audit_trail(db: str) -> None:
    import asyncpg

    owner = await asyncpg.connect(TEST_URL)
    try:
        with pytest.raises(asyncpg.PostgresError, match="append-only"):
            await owner.execute("TRUNCATE audit_event")
    finally:
        await owner.close()

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
async def app_url(db: str) -> AsyncIterator[str]:
    """The test database's address as a role that owns nothing and has exactly the privileges
    `inspektion grants` prints (docs/deployment.md)."""
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
        try:
            yield urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        finally:
            await owner.execute(f"DROP OWNED BY {role}")
    finally:
        await owner.close()


@pytest.fixture
async def app_conn(app_url: str) -> AsyncIterator[Any]:
    import asyncpg

    conn = await asyncpg.connect(app_url)
    try:
        yield conn
    finally:
        await conn.close()


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


def test_the_app_runs_as_that_role_as_the_deployment_guide_says(app_url: str,
                                                                  campaign_id: int) -> None:
    """docs/deployment.md, step by step: `uvicorn inspektion.asgi:app` with
    INSPEKTION_DATABASE_URL naming the app's role starts, logs a user in, opens a case and
    audits it, with no privilege beyond those `inspektion grants` prints."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from tests.support import MALMO, PASSWORD

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "INSPEKTION_TEST_DATABASE_URL"}
    env.update(INSPEKTION_DATABASE_URL=app_url, INSPEKTION_SCHEDULER="0")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "inspektion.asgi:app", "--host",
                             "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(proc.communicate()[0].decode(errors="replace")[-2000:])
            time.sleep(0.2)  # polling for start-up, not waiting in a test
        login = httpx.post(f"{base}/api/auth/login", timeout=30,
                           json={"username": "insp", "password": PASSWORD})
        assert login.status_code == 200, login.text
        h = {"Authorization": f"Bearer {login.json()['token']}"}
        made = httpx.post(f"{base}/api/cases", headers=h, timeout=30, json={
            "campaign_id": campaign_id, "kommunkod": MALMO, "method": "fokusinspektion",
            "arbetsstalle": {"name": "Socialkontoret", "address": "Storgatan 1"}})
        assert made.status_code == 201, made.text
        audit = httpx.get(f"{base}/api/cases/{made.json()['id']}/audit", headers=h, timeout=30)
        assert audit.status_code == 200, audit.text
        assert audit.json(), "the case was opened but not audited"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()

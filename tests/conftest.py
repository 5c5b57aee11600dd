"""Test set-up: one migrated database per run, reference data and users loaded once.

The database is SQLite in a temporary file unless INSPEKTION_TEST_DATABASE_URL names a
PostgreSQL database (CI runs the suite once on each). Between tests the case data is
removed; reference data, users and the campaign stay.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest

_TMP = tempfile.mkdtemp(prefix="inspektion-test-")
TEST_URL = os.environ.get("INSPEKTION_TEST_DATABASE_URL") or f"sqlite:///{_TMP}/test.sqlite"
os.environ["INSPEKTION_DATABASE_URL"] = TEST_URL
os.environ["INSPEKTION_SCHEDULER"] = "0"
# The test client runs the app in its own thread and event loop; a pool opened there must not
# be used by the test's loop (asyncpg connections belong to one loop), so tests run without.
os.environ["INSPEKTION_DB_POOL_SIZE"] = "0"
os.environ.pop("INSPEKTION_TODAY", None)

from litestar.testing import AsyncTestClient  # noqa: E402

from inspektion import clock  # noqa: E402
from inspektion.db.engine import bind_database  # noqa: E402
from tests import support  # noqa: E402

bind_database(TEST_URL)  # tables know their engine already when test modules are collected

TODAY = date(2026, 11, 23)  # a Monday; tests move the clock explicitly


@pytest.fixture(scope="session")
async def database() -> AsyncIterator[str]:
    await support.prepare_database(TEST_URL)
    yield TEST_URL


@pytest.fixture
async def db(database: str) -> AsyncIterator[str]:
    await support.clean_case_data()
    clock.set_today(TODAY)
    yield database
    clock.set_today(None)


@pytest.fixture(scope="session")
async def session_tokens(database: str) -> dict[str, str]:
    return await support.login_all()


@pytest.fixture
async def client(db: str) -> AsyncIterator[AsyncTestClient[Any]]:
    from inspektion.api.app import create_app

    async with AsyncTestClient(app=create_app(bind=False)) as c:
        yield c


@pytest.fixture
def tokens(session_tokens: dict[str, str]) -> dict[str, str]:
    return session_tokens


@pytest.fixture
def campaign_id(database: str) -> int:
    return support.CAMPAIGN_ID[0]

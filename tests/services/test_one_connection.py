"""The case page's queries on one pooled connection (db/pool.one_connection, PostgreSQL).

The tests otherwise run without a pool (tests/conftest.py: their client serves the app from
another event loop), so the case is made first, then a pool is opened in the test's own loop
with its acquires counted, and the page is compared with the same page read inside a
transaction; a missing case is still a 404, and no write can start on a read's connection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from inspektion.db.pool import one_connection
from inspektion.db.tables import Case
from inspektion.domain.access import Actor
from inspektion.domain.errors import NotFound
from inspektion.domain.roles import Role
from inspektion.services import cases
from inspektion.services.transactions import write_tx
from tests.conftest import TEST_URL
from tests.support import Walker

pytestmark = pytest.mark.skipif(not TEST_URL.startswith("postgres"),
                                reason="anslutningspoolen finns bara för PostgreSQL")
ACTOR = Actor(1, "inspektor", Role.INSPEKTOR, "IRS-Syd")


class _Counting:
    """The pool, with its acquires counted."""

    def __init__(self, pool: Any) -> None:
        self.pool, self.acquires = pool, 0

    def acquire(self, *args: Any, **kwargs: Any) -> Any:
        self.acquires += 1
        return self.pool.acquire(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # release, close, …
        return getattr(self.pool, name)


@asynccontextmanager
async def counting_pool() -> AsyncIterator[_Counting]:
    engine: Any = Case._meta.db
    await engine.start_connection_pool(min_size=1, max_size=4)
    real = engine.pool
    engine.pool = counted = _Counting(real)
    try:
        yield counted
    finally:
        engine.pool = real
        await engine.close_connection_pool()


async def test_the_case_page_takes_one_connection_and_reads_the_same(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=2)
    async with counting_pool() as pool:
        page = await cases.case_detail(ACTOR, w.case_id)
        assert pool.acquires == 1
        assert len(page["krav"]) == 2 and len(page["meetings"]) == 3 and page["documents"]
        engine: Any = Case._meta.db
        async with engine.transaction():  # the same queries on the transaction's connection
            again = await cases.case_detail(ACTOR, w.case_id)
        assert again == page and pool.acquires == 2
        with pytest.raises(NotFound):
            await cases.case_detail(ACTOR, 2_000_000)
        assert pool.acquires == 3
        assert (await cases.case_detail(ACTOR, w.case_id)) == page  # the connection went back
        assert pool.acquires == 4


async def test_no_write_starts_on_a_reads_connection(db: str) -> None:
    async with counting_pool():
        with pytest.raises(RuntimeError, match="one_connection"):
            async with one_connection(), write_tx():
                pass

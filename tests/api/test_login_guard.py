"""Login under attack: an atomic try counter per account name and per address, shared by all
processes (the database), the same answers for names that do and do not exist, lockouts that
grow but end, and a login page that works with a dead session cookie (issue 14)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from inspektion.db.tables import LoginThrottle, User
from inspektion.domain.errors import NotAuthenticated
from inspektion.http.session import SESSION_COOKIE
from inspektion.services import login_guard, users
from tests.web.pages import csrf_of

WRONG = "Fel användarnamn eller lösenord."


async def _answers(client: Any, username: str, password: str, n: int) -> Counter[str]:
    async def one() -> str:
        r = await client.post("/api/auth/login", json={"username": username,
                                                        "password": password})
        assert r.status_code == 401, r.text
        return "fel" if r.json()["detail"] == WRONG else r.json()["detail"]

    return Counter(await asyncio.gather(*(one() for _ in range(n))))


async def test_parallel_guesses_are_counted_before_they_are_checked(client: Any) -> None:
    """Fifty guesses at once: only the first five passwords are ever checked, in two app
    processes alike (the count is in the database, not in memory)."""
    from inspektion.api.app import create_app

    await users.add_user("malet", "rätt-lösen-1", "jurist")
    try:
        async with AsyncTestClient(app=create_app(bind=False)) as other:
            first, second = await asyncio.gather(_answers(client, "malet", "gissning", 25),
                                                 _answers(other, "malet", "gissning", 25))
        answers = first + second
        assert answers["fel"] == 5, answers
        assert sum(n for text, n in answers.items() if text.startswith("För många")) == 45
    finally:
        await User.delete().where(User.username == "malet")


async def test_unknown_name_locks_exactly_like_a_known_one(client: Any) -> None:
    await users.add_user("finns", "rätt-lösen-2", "jurist")
    try:
        seen = {}
        for name in ("finns", "finns-inte"):
            answers = []
            for _ in range(6):
                r = await client.post("/api/auth/login", json={"username": name,
                                                                "password": "fel"})
                assert r.status_code == 401
                answers.append(r.json()["detail"])
            seen[name] = answers
        assert seen["finns"] == seen["finns-inte"]
        assert seen["finns"][:5] == [WRONG] * 5
        assert seen["finns"][5].startswith("För många misslyckade inloggningar")
    finally:
        await User.delete().where(User.username == "finns")


async def test_one_address_cannot_try_many_names(db: str, monkeypatch: Any) -> None:
    monkeypatch.setenv("INSPEKTION_LOGIN_MAX_FAILURES_PER_ADDRESS", "3")
    for name in ("a1", "a2", "a3"):
        with pytest.raises(NotAuthenticated, match=WRONG):
            await users.login(name, "x", address="203.0.113.9")
    with pytest.raises(NotAuthenticated, match="För många"):
        await users.login("insp", "hemligt-test", address="203.0.113.9")
    # the same account from another address is not blocked by that machine's guesses
    assert (await users.login("insp", "hemligt-test", address="198.51.100.1")).token


def test_lockouts_grow_and_are_capped() -> None:
    assert [login_guard.lock_seconds(n, 15) for n in range(6)] == [60, 120, 240, 480, 900, 900]


async def test_a_locked_colleague_gets_in_when_the_lock_ends_and_the_next_lock_is_longer(
        db: str) -> None:
    async def lock() -> float:
        for _ in range(5):
            with pytest.raises(NotAuthenticated, match=WRONG):
                await users.login("jur", "fel")
        with pytest.raises(NotAuthenticated, match="För många") as refused:
            await users.login("jur", "hemligt-test")
        row = await LoginThrottle.select().where(LoginThrottle.key == "u:jur").first()
        assert row is not None
        assert "minut" in str(refused.value)
        return float(row["blocked_until"]) - time.time()

    first = await lock()
    assert 50 < first <= 60
    await LoginThrottle.update({LoginThrottle.blocked_until: time.time() - 1}).where(
        LoginThrottle.key == "u:jur")
    second = await lock()  # five more wrong guesses after the lock: a longer lock
    assert 110 < second <= 120
    await LoginThrottle.update({LoginThrottle.blocked_until: time.time() - 1}).where(
        LoginThrottle.key == "u:jur")
    assert (await users.login("jur", "hemligt-test")).token  # the colleague is back in
    row = await LoginThrottle.select().where(LoginThrottle.key == "u:jur").first()
    assert row is not None and row["failures"] == 0 and row["lockouts"] == 0


async def test_login_page_clears_a_dead_session_cookie_and_logs_in(client: Any) -> None:
    client.cookies.set(SESSION_COOKIE, "en-token-som-inte-finns-langre")
    page = await client.get("/logga-in")
    assert page.status_code == 200
    cleared = [h for h in page.headers.get_list("set-cookie")
               if h.startswith(f"{SESSION_COOKIE}=")]
    assert cleared and "Max-Age=0" in cleared[0]
    # a browser that still sends the dead cookie (sent before the page came back) can log in
    client.cookies.set(SESSION_COOKIE, "en-token-som-inte-finns-langre")
    r = await client.post("/logga-in", data={"_csrf": csrf_of(page.text), "username": "insp",
                                             "password": "hemligt-test"})
    assert r.status_code == 200, r.text[:300]
    assert str(r.url).endswith("/arenden")  # the inspector's desk, logged in

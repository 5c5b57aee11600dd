"""The sign-in pages' switches (issue 19), without a provider: what the login page offers,
and the OIDC addresses' answers when switched off or called without a login of their own.
The whole flow against a real provider is in tests/oidc/."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from inspektion.db.tables import OidcPending
from inspektion.services import oidc_flow


@pytest.fixture
def oidc_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPEKTION_OIDC_ISSUER", "http://127.0.0.1:9")  # never reached here
    monkeypatch.setenv("INSPEKTION_OIDC_CLIENT_ID", "inspektion")


async def test_login_page_without_provider_has_only_the_password_form(client: Any) -> None:
    page = (await client.get("/logga-in")).text
    assert "Arbetsmiljöverkets konto" not in page and 'name="password"' in page
    off = await client.get("/logga-in/oidc")
    assert off.status_code == 404 and "inte påslagen" in off.text


async def test_login_page_offers_the_provider(client: Any, oidc_on: None) -> None:
    page = (await client.get("/logga-in?nasta=/region")).text
    assert 'href="/logga-in/oidc?nasta=/region"' in page
    assert "Lokalt konto" in page and 'name="password"' in page


async def test_passwords_off_leave_only_break_glass(client: Any, oidc_on: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPEKTION_LOCAL_LOGIN", "0")
    page = (await client.get("/logga-in")).text
    assert 'name="password"' not in page and "Arbetsmiljöverkets konto" in page
    monkeypatch.setenv("INSPEKTION_BREAK_GLASS_USERS", "adm")
    page = (await client.get("/logga-in")).text
    assert "Nödinloggning för systemförvaltare" in page and 'name="password"' in page
    r = await client.post("/api/auth/login", json={"username": "jur", "password": "hemligt-test"})
    assert r.status_code == 401 and "lösenord är avstängd" in r.json()["detail"]


async def test_callback_without_its_own_state_is_refused_in_swedish(client: Any,
                                                                    oidc_on: None) -> None:
    for query in ("", "?code=x", "?code=x&state=främmande"):
        r = await client.get(f"/logga-in/oidc/callback{query}")
        assert r.status_code == 400 and "har redan använts eller är för gammalt" in r.text
    client.cookies.set("inspektion_oidc", "abc", path="/logga-in/oidc")
    r = await client.get("/logga-in/oidc/callback?code=x&state=abc")  # no such pending login
    assert r.status_code == 400 and "Börja om från inloggningssidan" in r.text


async def test_unreachable_provider_is_a_swedish_502(client: Any, oidc_on: None) -> None:
    r = await client.get("/logga-in/oidc")
    assert r.status_code == 502 and "svarar inte just nu" in r.text


async def test_answer_from_another_provider_is_refused(client: Any, oidc_on: None) -> None:
    await OidcPending.insert(OidcPending(
        state_hash=oidc_flow._hash("egen"), nonce="n", code_verifier="v",
        expires_at=datetime.now(UTC) + timedelta(minutes=5)))
    client.cookies.set("inspektion_oidc", "egen", path="/logga-in/oidc")
    r = await client.get("/logga-in/oidc/callback?code=x&state=egen&iss=https://annan.example")
    assert r.status_code == 400 and "fel utfärdare" in r.text
    assert not await OidcPending.exists().where(OidcPending.state_hash == oidc_flow._hash("egen"))


async def test_callback_with_the_worst_parameters_is_a_swedish_400(client: Any,
                                                                    oidc_on: None) -> None:
    client.cookies.set("inspektion_oidc", "abc", path="/logga-in/oidc")
    for query in ("?code=x&state=%00", "?code=%0b&state=abc", "?state=" + "s" * 60_000,
                  "?code=x&state=abc&iss=%3C%2Ftitle%3E%3Cscript%3E",
                  "?error=%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=abc"):
        r = await client.get(f"/logga-in/oidc/callback{query}")
        assert r.status_code in (400, 414), (query[:40], r.status_code)
        assert "<script>" not in r.text

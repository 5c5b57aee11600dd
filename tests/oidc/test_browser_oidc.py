"""Signing in through a real OpenID provider in real Chromium (issue 19).

The provider is oidc-provider (a certified implementation) with its own login form; the app
runs under uvicorn. Each role signs in and lands on its page; every negative case ends on a
Swedish page and in the audit trail. The changed tokens (wrong audience, expired, tampered)
are the provider's real ID tokens, changed by the provider's test knob (provider/server.js).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from tests.oidc.conftest import API_AUDIENCE, CLIENT_ID, Setup

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LANDING = {"ingrid": ("/arenden", "Mina ärenden"), "sam": ("/region", "Region IRS-Syd"),
           "julia": ("/juridik", "Beslutsdesk"), "adam": ("/admin", None)}


@contextmanager
def local_only(browser: Any) -> Iterator[Any]:
    """A Swedish browser context whose requests never leave 127.0.0.1 (the provider's own
    pages ask for web fonts elsewhere; those are refused here)."""
    ctx = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    ctx.route(lambda url: url.startswith(("http:", "https:"))
              and not url.startswith("http://127.0.0.1:"), lambda route: route.abort())
    try:
        yield ctx
    finally:
        ctx.close()


def sign_in(page: Any, oidc: Setup, login: str) -> None:
    """From the app's login page through the provider's own login form and back."""
    page.goto(f"{oidc.app.url}/logga-in")
    page.get_by_role("link", name="Logga in med Arbetsmiljöverkets konto").click()
    page.wait_for_url(f"{oidc.provider.url}/**")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("vilket-som-helst")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(lambda url: url.startswith(oidc.app.url))


def refused_page(page: Any, oidc: Setup) -> str:
    page.wait_for_url(lambda url: "/logga-in/oidc/callback" in url)
    page.wait_for_load_state()
    return str(page.locator("main, body").first.inner_text())


def audit(oidc: Setup, action: str) -> list[dict[str, Any]]:
    with sqlite3.connect(oidc.db_path) as con:
        rows = con.execute("SELECT username, details FROM audit_event WHERE action = ? "
                           "ORDER BY id", (action,)).fetchall()
    return [{"username": u, **json.loads(d)} for u, d in rows]


def user_row(oidc: Setup, sub: str) -> dict[str, Any] | None:
    with sqlite3.connect(oidc.db_path) as con:
        con.row_factory = sqlite3.Row
        row = con.execute("SELECT u.username, u.role, u.active, u.oidc_disabled, r.code AS region "
                          "FROM app_user u LEFT JOIN region r ON r.id = u.region "
                          "WHERE u.oidc_key = ?", (f"{oidc.provider.url} {sub}",)).fetchone()
    return dict(row) if row else None


@pytest.mark.parametrize("login", ["ingrid", "sam", "julia", "adam"])
def test_each_role_signs_in_and_lands_on_its_page(oidc: Setup, browser: Any, login: str) -> None:
    path, heading = LANDING[login]
    with local_only(browser) as ctx:
        page = ctx.new_page()
        sign_in(page, oidc, login)
        page.wait_for_url(f"{oidc.app.url}{path}")
        if heading:
            assert page.get_by_role("heading", level=1).first.inner_text() == heading
        assert page.get_by_role("button", name="Logga ut").is_visible()
    row = user_row(oidc, login)
    assert row is not None and row["username"] == login and row["active"] == 1
    assert any(e["sub"] == login for e in audit(oidc, "user.oidc_login"))
    assert any(e["sub"] == login for e in audit(oidc, "user.oidc_create"))


def test_inspector_gets_region_from_the_groups(oidc: Setup, browser: Any) -> None:
    with local_only(browser) as ctx:
        sign_in(ctx.new_page(), oidc, "ingrid")
    row = user_row(oidc, "ingrid")
    assert row is not None and (row["role"], row["region"]) == ("inspektor", "IRS-Syd")


def test_user_without_role_is_refused_in_swedish(oidc: Setup, browser: Any) -> None:
    with local_only(browser) as ctx:
        page = ctx.new_page()
        sign_in(page, oidc, "ulla")
        text = refused_page(page, oidc)
        assert "ger ingen behörighet till inspektionsverktyget" in text
        assert page.title().startswith("Ingen behörighet")
        page.goto(f"{oidc.app.url}/arenden")  # and no session was made
        assert "/logga-in" in page.url
    assert user_row(oidc, "ulla") is None  # not created: the claims gave no role
    assert any(e["sub"] == "ulla" and e["reason"] == "no_role"
               for e in audit(oidc, "user.oidc_refused"))


@pytest.mark.parametrize(("mode", "answer", "reason"), [
    ("aud", "utfärdat för en annan tjänst än inspektionsverktyget", "audience"),
    ("expired", "har gått ut", "expired"),
    ("tampered", "har en ogiltig signatur", "signature"),
])
def test_changed_id_token_is_refused(oidc: Setup, browser: Any, mode: str, answer: str,
                                     reason: str) -> None:
    oidc.provider.next_token(mode)
    with local_only(browser) as ctx:
        page = ctx.new_page()
        sign_in(page, oidc, "julia")
        text = refused_page(page, oidc)
        assert answer in text and "Inloggningsbeviset (ID-token)" in text
        page.goto(f"{oidc.app.url}/juridik")
        assert "/logga-in" in page.url  # no session
    assert any(e["reason"] == reason for e in audit(oidc, "user.oidc_refused"))


def test_replayed_callback_is_refused(oidc: Setup, browser: Any) -> None:
    callbacks: list[str] = []
    with local_only(browser) as ctx:
        page = ctx.new_page()
        page.on("request", lambda r: callbacks.append(r.url)
                if "/logga-in/oidc/callback" in r.url else None)
        sign_in(page, oidc, "ingrid")
        page.wait_for_url(f"{oidc.app.url}/arenden")
        assert callbacks
        page.goto(callbacks[0])  # the same code and state once more, same browser
        assert "har redan använts" in page.locator("main, body").first.inner_text()
    with local_only(browser) as other:  # and from another browser (no state cookie)
        page = other.new_page()
        response = page.goto(callbacks[0])
        assert response is not None and response.status == 400
        assert "har redan använts" in page.locator("main, body").first.inner_text()
        page.goto(f"{oidc.app.url}/arenden")
        assert "/logga-in" in page.url


def test_role_lost_at_the_provider_ends_access_at_next_sign_in(oidc: Setup,
                                                               browser: Any) -> None:
    oidc.provider.set_groups("vera", ["av-inspektor", "av-region-syd"])
    with local_only(browser) as ctx:
        page = ctx.new_page()
        sign_in(page, oidc, "vera")
        page.wait_for_url(f"{oidc.app.url}/arenden")
    oidc.provider.set_groups("vera", ["av-personal"])
    with local_only(browser) as ctx:
        page = ctx.new_page()
        sign_in(page, oidc, "vera")
        assert "ger ingen behörighet" in refused_page(page, oidc)
    row = user_row(oidc, "vera")
    assert row is not None and row["active"] == 0 and row["oidc_disabled"] == 1
    changes = [e for e in audit(oidc, "user.oidc_role_change") if e["sub"] == "vera"]
    assert changes[-1]["to"] == {"role": None, "region": None, "active": False}
    # Back in the group, promoted: access returns with the new role.
    oidc.provider.set_groups("vera", ["av-samordnare", "av-region-syd"])
    with local_only(browser) as ctx:
        page = ctx.new_page()
        sign_in(page, oidc, "vera")
        page.wait_for_url(f"{oidc.app.url}/region")
    row = user_row(oidc, "vera")
    assert row is not None and (row["active"], row["role"]) == (1, "samordnare")


def test_logout_ends_the_session_and_the_providers(oidc: Setup, browser: Any) -> None:
    with local_only(browser) as ctx:
        page = ctx.new_page()
        sign_in(page, oidc, "julia")
        page.wait_for_url(f"{oidc.app.url}/juridik")
        page.get_by_role("button", name="Logga ut").click()
        page.wait_for_url(f"{oidc.provider.url}/session/end**")
        page.get_by_role("button", name="Yes, sign me out").click()
        page.wait_for_url(f"{oidc.app.url}/logga-in?utloggad=1")
        page.goto(f"{oidc.app.url}/juridik")
        assert "/logga-in" in page.url
        # The provider's session is gone too: its login form is asked for again.
        page.goto(f"{oidc.app.url}/logga-in")
        page.get_by_role("link", name="Logga in med Arbetsmiljöverkets konto").click()
        page.wait_for_url(f"{oidc.provider.url}/**")
        assert page.locator("input[name=login]").is_visible()


def test_provider_jwt_works_as_api_bearer_token(oidc: Setup, browser: Any) -> None:
    with local_only(browser) as ctx:  # julia must have signed in once to be known here
        sign_in(ctx.new_page(), oidc, "julia")
    api = f"{oidc.app.url}/api/kommuner"

    def call(token: str) -> httpx.Response:
        return httpx.get(api, headers={"Authorization": f"Bearer {token}"})

    assert call(oidc.provider.signed("julia", API_AUDIENCE)).status_code == 200
    wrong = call(oidc.provider.signed("julia", CLIENT_ID))
    assert wrong.status_code == 401 and "annan tjänst" in wrong.json()["detail"]
    late = call(oidc.provider.signed("julia", API_AUDIENCE, exp_offset=-3600))
    assert late.status_code == 401 and "gått ut" in late.json()["detail"]
    header, body, signature = oidc.provider.signed("julia", API_AUDIENCE).split(".")
    forged = call(f"{header}.{body[:-4]}AAAA.{signature}")
    assert forged.status_code == 401
    stranger = call(oidc.provider.signed("ulla", API_AUDIENCE))
    assert stranger.status_code == 401 and "ingen behörighet" in stranger.json()["detail"]

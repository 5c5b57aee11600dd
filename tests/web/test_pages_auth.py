"""Logging in and out of the pages, the session cookie's flags, CSRF, and who may see what."""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from inspektion.api.app import create_app
from inspektion.services import reminders
from tests.support import MALMO, Walker, bearer, move_days
from tests.web.pages import csrf_of, login, token_for


async def test_login_sets_httponly_strict_session_cookie(client: Any) -> None:
    r = await login(client, "insp")
    assert r.status_code == 200 and str(r.url).endswith("/arenden")
    cookie = next(h for h in r.history[0].headers.get_list("set-cookie")
                  if h.startswith("inspektion_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    assert "Mina ärenden" in r.text


async def test_session_cookie_is_secure_when_configured(client: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    page = await client.get("/logga-in")
    monkeypatch.setenv("INSPEKTION_COOKIE_SECURE", "1")  # the client would not send it back on http
    r = await client.post("/logga-in", data={"_csrf": csrf_of(page.text), "username": "insp",
                                              "password": "hemligt-test"}, follow_redirects=False)
    assert r.status_code == 303
    assert all("Secure" in h for h in r.headers.get_list("set-cookie"))


async def test_wrong_password_shows_reason_and_keeps_username(client: Any) -> None:
    r = await login(client, "insp", "fel-lösenord")
    assert r.status_code == 400
    assert "Fel användarnamn eller lösenord." in r.text
    assert 'value="insp"' in r.text
    assert "inspektion_session" not in client.cookies


async def test_login_without_csrf_token_is_refused(client: Any) -> None:
    await client.get("/logga-in")
    r = await client.post("/logga-in", data={"username": "insp", "password": "hemligt-test"})
    assert r.status_code == 403
    assert "säkerhetstoken" in r.text
    assert "inspektion_session" not in client.cookies


async def test_every_page_form_refuses_a_post_without_token(client: Any) -> None:
    await login(client, "insp")
    app = client.app
    # The employer's answer form (/svar/<token>) has no session: an unknown link is "Länken
    # gäller inte" (404) before anything else, and its own CSRF check on a real link is
    # tested in tests/api/test_svar_abuse.py.
    posts = [r.path for r in app.routes
             if not r.path.startswith(("/api", "/schema", "/static", "/svar"))
             and "POST" in getattr(r, "methods", set())]
    assert len(posts) >= 6
    for path in posts:
        concrete = path.replace("{case_id:int}", "1").replace("{step:str}", "formote").replace(
            "{reminder_id:int}", "1").replace("{krav_id:int}", "1").replace(
            "{meeting_id:int}", "1").replace("{item_id:int}", "1").replace("{what:str}", "krav")
        concrete = re.sub(r"\{\w+:int\}", "1", concrete)  # the admin's user and campaign ids
        r = await client.post(concrete, data={"date": "2026-11-20"})
        assert r.status_code == 403, (path, r.status_code)
        wrong = await client.post(concrete, data={"_csrf": "gissad", "date": "2026-11-20"})
        assert wrong.status_code == 403, (path, wrong.status_code)


async def test_logout_ends_the_session(client: Any) -> None:
    await login(client, "insp")
    token = await token_for(client, "/arenden")
    r = await client.post("/logga-ut", data={"_csrf": token})
    assert str(r.url).endswith("/logga-in?utloggad=1")
    again = await client.get("/arenden", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/logga-in")


async def test_logged_out_visitor_is_sent_to_login_and_back(client: Any) -> None:
    r = await client.get("/region", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/logga-in?nasta=%2Fregion"
    page = await client.get(r.headers["location"])
    done = await client.post("/logga-in", data={"_csrf": csrf_of(page.text), "username": "samord",
                                                "password": "hemligt-test", "nasta": "/region"})
    assert str(done.url).endswith("/region")


async def test_login_never_redirects_off_site(client: Any) -> None:
    page = await client.get("/logga-in")
    r = await client.post("/logga-in", data={"_csrf": csrf_of(page.text), "username": "insp",
                                              "password": "hemligt-test",
                                              "nasta": "//evil.example/"}, follow_redirects=False)
    assert r.headers["location"] == "/arenden"


@pytest.mark.parametrize(("username", "path", "heading"), [
    ("insp", "/arenden", "Mina ärenden"), ("samord", "/region", "Region IRS-Syd"),
    ("jur", "/juridik", "Beslutsdesk"), ("adm", "/admin", "Administration")])
async def test_each_role_has_its_page(client: Any, username: str, path: str, heading: str) -> None:
    r = await login(client, username)
    assert str(r.url).endswith(path)
    assert r.status_code == 200 and heading in r.text
    assert 'lang="sv"' in r.text and "Påminnelser" in r.text


@pytest.mark.parametrize(("username", "path"), [
    ("insp", "/region"), ("insp", "/juridik"), ("jur", "/arenden"), ("samord", "/juridik"),
    ("adm", "/arenden"), ("insp", "/region/siffror.csv")])
async def test_wrong_role_gets_403_in_swedish(client: Any, username: str, path: str) -> None:
    await login(client, username)
    r = await client.get(path)
    assert r.status_code == 403
    assert "Ingen behörighet" in r.text and "text/html" in r.headers["content-type"]


async def test_case_outside_region_is_403(client: Any, tokens: dict[str, str],
                                          campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await login(client, "insp_nord")
    r = await client.get(f"/arenden/{w.case_id}")
    assert r.status_code == 403 and "regionen" in r.text


async def test_api_write_on_session_cookie_needs_csrf_header(client: Any, tokens: dict[str, str],
                                                             campaign_id: int) -> None:
    """provide_actor accepts the cookie, so a cookie-borne API write must carry the token."""
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    body = {"version": 1, "date": "2026-11-20", "participants": [{"role": "Socialchef"}]}
    async with AsyncTestClient(app=create_app(bind=False)) as browser:
        await login(browser, "insp")
        token = await token_for(browser, "/arenden")
        refused = await browser.post(f"/api/cases/{w.case_id}/formote", json=body)
        assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
        ok = await browser.post(f"/api/cases/{w.case_id}/formote", json=body,
                                headers={"X-CSRF-Token": token})
        assert ok.status_code == 201, ok.text
        reading = await browser.get(f"/api/cases/{w.case_id}")
        assert reading.status_code == 200
    # A Bearer client needs no CSRF token (and sends no cookie).
    r = await client.post(f"/api/cases/{w.case_id}/aterkopplande-mote",
                          json={**body, "version": 2}, headers=bearer(tokens["inspektor"]))
    assert r.status_code == 201, r.text


async def test_reminders_are_on_every_page_and_can_be_dismissed(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_meddelande(n_krav=1, days=30)
    move_days(40)  # the employer's answer is late
    await reminders.run_sweep()
    await login(client, "insp")
    pages = ["/arenden", f"/arenden/{w.case_id}", f"/arenden/{w.case_id}/steg/svar",
             f"/arenden/{w.case_id}/gruppsamtal", "/arenden/nytt"]
    counts = set()
    for path in pages:
        r = await client.get(path)
        assert r.status_code == 200, path
        found = re.search(r'id="paminnelser-rubrik">Påminnelser <span class="count">\((\d+)\)',
                          r.text)
        assert found, path
        counts.add(int(found.group(1)))
        assert "/paminnelser/" in r.text and f'value="{path}"' in r.text, path
    assert len(counts) == 1 and counts.pop() >= 1
    page = await client.get(f"/arenden/{w.case_id}")
    first = re.search(r'action="/paminnelser/(\d+)/avfarda"', page.text)
    assert first
    # the late answer's reminder is past its day, and the box says so
    late = re.search(r'<li class="overdue">\s*<span class="reminder-text"><strong>'
                     r'Svaret är försenat:', page.text)
    assert late, page.text
    before = page.text.count('/avfarda"')
    r = await client.post(f"/paminnelser/{first.group(1)}/avfarda",
                          data={"_csrf": csrf_of(page.text), "tillbaka": f"/arenden/{w.case_id}"})
    assert r.status_code == 200 and str(r.url).endswith(f"/arenden/{w.case_id}")
    assert r.text.count('/avfarda"') == before - 1

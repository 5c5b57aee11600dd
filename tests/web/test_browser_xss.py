"""Stored XSS through a campaign name (issue 14), tried in real headless Chromium.

A coordinator creates a campaign whose name closes the map's <title> and opens a <script>;
every samordnare's /region page shows that campaign's coverage map in an iframe. The name
must print as text, and no script of the attacker's may run, neither in the map's own page
nor in the region page around it.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.web.browser import DESKTOP, Server, login, own_origin_only

HOSTILE = ('Höst</title><script>window.__xss = (window.__xss || 0) + 1</script>'
           '<img src=x onerror="window.__xss = 99">"\'><svg onload="window.__xss = 98">')


def _hostile_campaign(server: Server) -> int:
    with server.api("admin") as api:
        r = api.post("/api/campaigns", json={"name": HOSTILE, "start": "2026-01-01",
                                             "end": "2027-12-31", "target_share": 0.5})
        assert r.status_code == 201, r.text
        return int(r.json()["id"])


def test_a_campaign_name_cannot_run_a_script_in_the_map(server: Server, browser: Any) -> None:
    campaign_id = _hostile_campaign(server)
    with own_origin_only(browser, server, **DESKTOP) as ctx:
        page = ctx.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        login(page, server, "samordnare")
        r = page.goto(f"{server.url}/api/maps/coverage?campaign_id={campaign_id}")
        assert r is not None and r.status == 200
        policy = r.headers["content-security-policy"]
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        expect(page.locator(".ik-panel h2")).to_have_text(HOSTILE)
        assert page.title() == f"Täckningskarta – {HOSTILE}"
        expect(page.locator(".leaflet-interactive").first).to_be_attached()  # the map drew
        assert page.evaluate("window.__xss") is None

        page.goto(f"{server.url}/region?campaign_id={campaign_id}")
        frame = page.frame_locator("iframe.map")
        expect(frame.locator(".ik-panel h2")).to_have_text(HOSTILE)
        assert page.evaluate("window.__xss") is None
        inner = next(f for f in page.frames if "/api/maps/coverage" in f.url)
        assert inner.evaluate("window.__xss") is None
        assert dialogs == []


def test_the_map_csp_stops_a_script_that_slipped_through(server: Server, browser: Any) -> None:
    """Defence in depth: the map's policy names its scripts by hash, so one added to the
    page after rendering (as a missed escape would) is refused by the browser."""
    from inspektion.maps.base import content_security_policy

    page_html = ("<html><head></head><body><script>window.__ok = 1</script>"
                 "<div id=x></div></body></html>")
    policy = content_security_policy(page_html)
    hostile = page_html.replace("<div id=x></div>", "<script>window.__xss = 1</script>")
    with own_origin_only(browser, server, **DESKTOP) as ctx:
        page = ctx.new_page()
        page.route(f"{server.url}/probe", lambda route: route.fulfill(
            status=200, body=hostile, content_type="text/html",
            headers={"Content-Security-Policy": policy}))
        page.goto(f"{server.url}/probe")
        assert page.evaluate("window.__ok") == 1
        assert page.evaluate("window.__xss") is None


def test_the_api_documentation_runs_under_its_csp(server: Server, browser: Any) -> None:
    with own_origin_only(browser, server, **DESKTOP) as ctx:
        page = ctx.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text)
                if "Content Security Policy" in m.text else None)
        r = page.goto(f"{server.url}/schema/swagger")
        assert r is not None and "script-src" in r.headers["content-security-policy"]
        expect(page.locator(".swagger-ui").first).to_be_attached()  # its scripts ran
        # ...and read the OpenAPI 3.1 spec: Swagger UI 4 showed "Unable to render this
        # definition" here, with no operations at all.
        expect(page.locator(".opblock-summary-path", has_text="/api/auth/login")
               ).to_be_visible()
        expect(page.get_by_text("Unable to render this definition")).to_have_count(0)
        assert refused == []

"""The coordinator's effect page in headless Chromium: the demo's follow-up gruppsamtal show
as a measured change per effektmål, the page has no accessibility violations, and the
campaign report downloads as a Word file that opens."""

from __future__ import annotations

import io
import json
from typing import Any

from docx import Document as read_docx
from playwright.sync_api import expect

from tests.web.browser import DESKTOP, PHONE, Server, axe_problems, login, own_origin_only, shot


def test_coordinator_reads_the_effect_and_downloads_the_report(server: Server,
                                                               browser: Any) -> None:
    with own_origin_only(browser, server, **DESKTOP) as ctx:
        page = ctx.new_page()
        login(page, server, "samordnare")
        page.get_by_role("link", name="Effekt", exact=True).click()
        expect(page.get_by_role("heading", name="Vilka effektmål rörde sig?")).to_be_visible()
        overview = page.locator("table").first
        expect(overview.locator("tbody tr")).to_have_count(4)
        # The demo's follow-up conversations: workload improved, with an interval.
        first_row = overview.locator("tbody tr").first
        expect(first_row).to_contain_text("Förbättring")
        expect(first_row).to_contain_text(" till ")
        expect(page.get_by_role("heading", name="Effektmål 2. Minskad risk för hot, våld "
                                               "och trakasserier")).to_be_visible()
        expect(page.get_by_text("räknades inte").first).to_be_visible()
        shot(page, "samordnare-effekt")
        with page.expect_download() as got:
            page.get_by_role("link", name="Word (DOCX)").click()
        doc = read_docx(io.BytesIO(got.value.path().read_bytes()))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert "Effektmål 1." in text and "Resultat i siffror" in text


def test_effect_page_has_no_accessibility_violations(server: Server, browser: Any) -> None:
    found = {}
    for size in (DESKTOP, PHONE):
        with own_origin_only(browser, server, bypass_csp=True, **size) as ctx:
            page = ctx.new_page()
            login(page, server, "samordnare")
            page.goto(f"{server.url}/effekt")
            page.locator("details").first.locator("summary").click()
            found[str(size.get("viewport"))] = axe_problems(page)
    problems = {k: v for k, v in found.items() if v}
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_inspector_records_the_follow_up_gruppsamtal_on_the_form(server: Server,
                                                                 browser: Any) -> None:
    """The demo's Höganäs case is in follow-up: the same form, sent to the follow-up
    service, offering the first conversation's area of work."""
    import re

    with server.api("inspektor") as api:
        case = api.get("/api/cases", params={"kommunkod": "1284"}).json()["items"][0]
    with own_origin_only(browser, server, bypass_csp=True, **DESKTOP) as ctx:
        page = ctx.new_page()
        login(page, server, "inspektor")
        page.goto(f"{server.url}/arenden/{case['id']}")
        page.get_by_role("link", name="Gruppsamtal vid uppföljningen").click()
        expect(page.get_by_role("heading", name="Gruppsamtal vid uppföljningen")).to_be_visible()
        expect(page.get_by_text("Välj samma arbetsområde")).to_contain_text("Barn och unga")
        page.get_by_label("Arbetsområde").fill("Barn och unga")
        for person in range(4):
            for q in range(1, 23):
                page.locator(f'input[name="q{q}"][value="{1 + (person + q) % 5}"]').check()
            page.get_by_role("button", name="Spara deltagaren och ta nästa").click()
            expect(page.locator("#gs-status")).to_contain_text(f"Deltagare {person + 1} är sparad")
        page.get_by_role("button", name=re.compile("Skicka gruppsamtalet")).click()
        expect(page.get_by_text("Gruppsamtalet är registrerat med 4 deltagare.")).to_be_visible()
        problems = axe_problems(page)
        assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    with server.api("inspektor") as api:
        detail = api.get(f"/api/cases/{case['id']}").json()
    assert sorted(g["respondents"] for g in detail["gruppsamtal"]) == [4, 5, 5]

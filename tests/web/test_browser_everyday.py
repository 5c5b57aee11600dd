"""Issue 15 in real headless Chromium: search, correcting a krav before the letter, the
two-tab conflict that keeps typed text, and the case form that shows every error at once.

Screenshots (desktop 1366 px and phone 390 px) land in INSPEKTION_SCREENS like the others.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.support import PARTICIPANTS, group
from tests.web.browser import (
    NOTHING_SCROLLS_SIDEWAYS,
    PHONE,
    SWEDISH,
    Server,
    axe_problems,
    login,
    own_origin_only,
    shot,
)

WIDE = {"viewport": {"width": 1366, "height": 900}, **SWEDISH}
LANDSKRONA = "1282"


def _fresh_case(server: Server, krav: int = 2) -> dict[str, Any]:
    """A case of inspektor's (Karin Lindqvist) with krav written, the letter not yet sent."""
    today = date.today().isoformat()
    with server.api("inspektor") as api:
        running = [c for c in api.get("/api/campaigns").json() if c["end"] >= today
                   and not c.get("archived")]
        r = api.post("/api/cases", json={
            "campaign_id": running[0]["id"], "kommunkod": LANDSKRONA,
            "arbetsstalle": {"name": "Socialtjänsten Landskrona, Vuxenenheten"},
            "method": "fokusinspektion", "inspektor2": "inspektor3"})
        assert r.status_code == 201, r.text
        case = r.json()
        version = case["version"]

        def step(path: str, body: dict[str, Any]) -> dict[str, Any]:
            nonlocal version
            out = api.post(f"/api/cases/{case['id']}/{path}", json={"version": version, **body})
            assert out.status_code == 201, out.text
            version = out.json()["version"]
            data: dict[str, Any] = out.json()
            return data

        step("formote", {"date": today, "participants": PARTICIPANTS})
        step("gruppsamtal", {"date": today, "arbetsomrade": "Vuxna", "responses": group(5)})
        step("aterkoppling", {"date": today, "participants": PARTICIPANTS[1:]})
        slugs = ["hot-vald-riskbedomning", "introduktion-rutiner", "krisstod-rutiner"]
        case["krav_ids"] = [step("krav", {"template_id": slugs[i]})["id"] for i in range(krav)]
        case["version"] = version
        return case


def test_search_by_diarienummer_and_by_kommun(server: Server, browser: Any) -> None:
    case = _fresh_case(server, krav=1)
    for name, options in {"dator": WIDE, "telefon": PHONE}.items():
        with own_origin_only(browser, server, bypass_csp=True, **options) as ctx:
            page = ctx.new_page()
            login(page, server, "inspektor")
            field = page.get_by_role("searchbox", name="Sök ärende")
            field.fill(case["diarienummer"])
            field.press("Enter")
            page.wait_for_url(f"**/arenden/{case['id']}")
            expect(page.locator("h1")).to_contain_text("Landskrona")
            field = page.get_by_role("searchbox", name="Sök ärende")
            field.fill("landskrona")
            field.press("Enter")
            expect(page.get_by_role("heading", name="Sök ärenden")).to_be_visible()
            expect(page.locator("table.case-table")).to_contain_text(case["diarienummer"])
            expect(page.locator("table.case-table")).to_contain_text("Karin Lindqvist")
            wide = page.evaluate("""() => [document.documentElement.scrollWidth,
                                           document.documentElement.clientWidth]""")
            assert wide[0] <= wide[1], (name, wide)
            # Nor inside the list: on a phone every column shows, none behind a scroll.
            assert page.evaluate(NOTHING_SCROLLS_SIDEWAYS), name
            expect(page.locator("table.case-table")).to_contain_text("Inspektion pågår")
            shot(page, f"sok-landskrona-{name}")
            assert axe_problems(page) == [], json.dumps(axe_problems(page), ensure_ascii=False)
            # Another region's municipality: nothing, though the jurist would find it.
            page.goto(f"{server.url}/sok?q=Umeå")
            expect(page.get_by_text("Inga ärenden matchar")).to_be_visible()


def test_krav_edited_and_withdrawn_before_the_letter_and_refused_after(
        server: Server, browser: Any) -> None:
    case = _fresh_case(server, krav=3)
    with own_origin_only(browser, server, bypass_csp=True, **WIDE) as ctx:
        page = ctx.new_page()
        login(page, server, "inspektor")
        page.goto(f"{server.url}/arenden/{case['id']}")
        page.get_by_role("link", name="Ändra krav 1").click()
        expect(page.get_by_role("heading", name="Ändra krav 1")).to_be_visible()
        text = page.get_by_label("Kravets text")
        text.fill("Arbetsgivaren ska undersöka och bedöma risken för hot och våld vid "
                  "Vuxenenhetens mottagning.")
        shot(page, "krav-andra-dator")
        assert axe_problems(page) == []
        page.get_by_role("button", name="Spara ändringen").click()
        expect(page.get_by_text("Kravet är ändrat.")).to_be_visible()
        expect(page.locator("table.krav")).to_contain_text("Vuxenenhetens mottagning")

        page.get_by_role("link", name="Dra tillbaka krav 2").click()
        assert axe_problems(page) == []
        page.get_by_role("button", name="Dra tillbaka krav 2").click()
        expect(page.get_by_text("Kravet är tillbakadraget")).to_be_visible()
        rows = page.locator("table.krav tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.nth(1).locator("td").first).to_have_text("2")  # renumbered, no gap

        old_tab = ctx.new_page()  # opened before the letter, saved after it
        old_tab.goto(f"{server.url}/arenden/{case['id']}/krav/{case['krav_ids'][0]}/andra")
        expect(old_tab.get_by_label("Kravets text")).to_be_visible()
        page.get_by_role("link", name="Skicka inspektionsmeddelande").click()
        due = (date.today() + timedelta(days=35)).isoformat()
        page.get_by_label("Arbetsgivaren ska svara senast").fill(due)
        page.get_by_role("button", name="Skicka inspektionsmeddelande").click()
        expect(page.get_by_text("Inspektionsmeddelandet är skickat och registrerat.")
               ).to_be_visible()
        expect(page.get_by_role("link", name="Ändra krav 1")).to_have_count(0)
        # A bookmark: the reason at once, no form that can only fail, the way back.
        page.goto(f"{server.url}/arenden/{case['id']}/krav/{case['krav_ids'][0]}/andra")
        expect(page.locator("#last")).to_contain_text("en rättelse görs i ett nytt brev")
        expect(page.get_by_role("button", name="Spara ändringen")).to_have_count(0)
        assert axe_problems(page) == []
        page.get_by_role("link", name="Tillbaka till ärendet").click()
        expect(page.locator("h1")).to_contain_text("Landskrona")
        # The tab opened before the letter: saving is refused with the reason, text kept.
        old_tab.get_by_label("Kravets text").fill("För sent.")
        old_tab.get_by_role("button", name="Spara ändringen").click()
        expect(old_tab.locator(".error-summary")).to_contain_text(
            "en rättelse görs i ett nytt brev")
        expect(old_tab.get_by_label("Kravets text")).to_have_value("För sent.")
    with server.api("inspektor") as api:
        krav = api.get(f"/api/cases/{case['id']}").json()["krav"]
        assert [k["number"] for k in krav] == [1, 2]
        assert "För sent" not in krav[0]["text"]


def test_two_tabs_conflict_keeps_the_typed_text(server: Server, browser: Any) -> None:
    case = _fresh_case(server, krav=1)
    edit = f"{server.url}/arenden/{case['id']}/krav/{case['krav_ids'][0]}/andra"
    for name, options in {"dator": WIDE, "telefon": PHONE}.items():
        with own_origin_only(browser, server, bypass_csp=True, **options) as mine, \
                own_origin_only(browser, server, **options) as theirs:
            me, colleague = mine.new_page(), theirs.new_page()
            login(me, server, "inspektor")
            login(colleague, server, "inspektor3")
            me.goto(edit)
            colleague.goto(edit)
            colleague.get_by_label("Brist (vad ni iakttog)").fill(
                f"Sara Holms iakttagelse ({name}): rutinen saknas.")
            colleague.get_by_role("button", name="Spara ändringen").click()
            expect(colleague.get_by_text("Kravet är ändrat.")).to_be_visible()

            typed = f"Min formulering ({name}) som inte får försvinna."
            me.get_by_label("Kravets text").fill(typed)
            me.get_by_role("button", name="Spara ändringen").click()
            box = me.locator("#konflikt")
            expect(box).to_contain_text("Någon annan hann spara först")
            expect(box).to_contain_text("Sara Holm")
            expect(box).to_contain_text(f"Sara Holms iakttagelse ({name})")
            expect(me.get_by_label("Kravets text")).to_have_value(typed)
            # The brist this user never touched shows Sara's, so saving again keeps hers.
            expect(me.get_by_label("Brist (vad ni iakttog)")).to_have_value(
                f"Sara Holms iakttagelse ({name}): rutinen saknas.")
            box.scroll_into_view_if_needed()
            shot(me, f"konflikt-{name}", full_page=(name == "dator"))
            assert axe_problems(me) == [], json.dumps(axe_problems(me), ensure_ascii=False)
            me.get_by_role("button", name="Spara ändringen").click()
            expect(me.get_by_text("Kravet är ändrat.")).to_be_visible()
            expect(me.locator("table.krav")).to_contain_text(typed)
            with server.api("inspektor") as api:
                saved = api.get(f"/api/cases/{case['id']}").json()["krav"][0]
            assert saved["text"] == typed
            assert saved["brist"] == f"Sara Holms iakttagelse ({name}): rutinen saknas."
            shot(me, f"konflikt-lost-{name}", full_page=(name == "dator"))


def test_empty_case_form_shows_all_errors_at_once(server: Server, browser: Any) -> None:
    with own_origin_only(browser, server, bypass_csp=True, **WIDE) as ctx:
        page = ctx.new_page()
        login(page, server, "inspektor")
        page.goto(f"{server.url}/arenden/nytt")
        page.get_by_label("Organisationsnummer").fill("123")
        page.get_by_role("button", name="Öppna ärendet").click()
        summary = page.locator(".error-summary")
        expect(summary).to_contain_text("saker att rätta")
        expect(summary.locator("li")).to_have_count(3)  # kommun, arbetsställe, org.nr
        for name in ("kommunkod", "arbetsstalle", "org_nr"):
            field = page.locator(f"#f-{name}")
            expect(field).to_have_attribute("aria-invalid", "true")
            described = field.get_attribute("aria-describedby") or ""
            assert f"e-{name}" in described.split(), name
            expect(page.locator(f"#e-{name}")).to_be_visible()
        expect(page.locator("body")).not_to_contain_text("Kommunkoden")
        shot(page, "oppna-arende-fel-dator")
        assert axe_problems(page) == []

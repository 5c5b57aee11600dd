"""Issue 18 in real headless Chromium: the inspector makes an answer link for the letter, the
employer opens it on a phone in a fresh browser (no login), answers two krav with a file and
sends; the inspector finds the handling in the diarium and assesses from it.

Screenshots (phone 390 px) land in INSPEKTION_SCREENS like the others.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.support import PARTICIPANTS, group
from tests.web.browser import PHONE, SWEDISH, Server, axe_problems, login, own_origin_only, shot

WIDE = {"viewport": {"width": 1366, "height": 900}, **SWEDISH}
HELSINGBORG = "1283"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 8


def _letter_case(server: Server) -> dict[str, Any]:
    today = date.today()
    with server.api("inspektor") as api:
        running = [c for c in api.get("/api/campaigns").json()
                   if c["end"] >= today.isoformat() and not c.get("archived")]
        r = api.post("/api/cases", json={
            "campaign_id": running[0]["id"], "kommunkod": HELSINGBORG,
            "arbetsstalle": {"name": "Socialförvaltningen Helsingborg, Barn och unga"},
            "method": "fokusinspektion"})
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

        day = today.isoformat()
        step("formote", {"date": day, "participants": PARTICIPANTS})
        step("gruppsamtal", {"date": day, "arbetsomrade": "Barn och unga",
                             "responses": group(5)})
        step("aterkoppling", {"date": day, "participants": PARTICIPANTS[1:]})
        case["krav_ids"] = [step("krav", {"template_id": slug})["id"]
                            for slug in ("arbetsbelastning-riskbedomning",
                                         "hot-vald-riskbedomning")]
        letter = step("inspektionsmeddelande",
                      {"svar_senast": (today + timedelta(days=28)).isoformat()})
        case["letter"] = letter["document"]
        made: dict[str, Any] = case
        return made


def test_employer_answers_on_a_phone_and_the_inspector_assesses(server: Server,
                                                                browser: Any) -> None:
    case = _letter_case(server)
    first, second = case["krav_ids"]
    # The inspector makes the link for the letter (desktop).
    with own_origin_only(browser, server, bypass_csp=True, **WIDE) as ctx:
        page = ctx.new_page()
        login(page, server, "inspektor")
        page.goto(f"{server.url}/arenden/{case['id']}")
        page.get_by_role("link", name="Svarslänkar för arbetsgivaren").click()
        page.get_by_label("Brev").select_option(str(case["letter"]["id"]))
        page.get_by_label("Mottagare").select_option("arbetsgivare")
        page.get_by_role("button", name="Skapa svarslänk").click()
        expect(page.get_by_text("Adressen och koden visas bara nu")).to_be_visible()
        url = page.locator(".svarslank-secret").first.inner_text().strip()
        assert url.startswith(f"{server.url}/svar/")
        shot(page, "svarslank-skapad-dator")
        assert axe_problems(page) == [], json.dumps(axe_problems(page), ensure_ascii=False)

    # The employer: a fresh browser on a phone, nothing but the link; the page's own CSP on.
    with own_origin_only(browser, server, **PHONE) as ctx:
        page = ctx.new_page()
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text(case["letter"]["number"])
        page.get_by_label("Vad har ni gjort, eller vad ska ni göra?").first.fill(
            "Vi har gjort en fördjupad undersökning av arbetsbelastningen per arbetsgrupp. "
            "Orsaker: vakanser och många akuta ärenden. Handlingsplan antagen.")
        page.locator(f"#f-senast_{first}").fill("2027-02-28")
        page.locator(f"#f-ansvarig_{first}").fill("Anna Berg, socialchef")
        page.get_by_role("button", name="Spara utkast").click()
        expect(page.get_by_text("Utkastet är sparat")).to_be_visible()
        expect(page.locator(f"#f-atgard_{first}")).to_have_value(
            "Vi har gjort en fördjupad undersökning av arbetsbelastningen per arbetsgrupp. "
            "Orsaker: vakanser och många akuta ärenden. Handlingsplan antagen.")
        page.locator(f"#f-atgard_{second}").fill(
            "Riskbedömning av hot och våld vid hembesök gjord; larm köpt in.")
        page.locator(f"#f-ansvarig_{second}").fill("Per Ek, enhetschef")
        page.locator(f"#f-fil_{first}").set_input_files(
            files=[{"name": "handlingsplan.pdf", "mimeType": "application/pdf", "buffer": PDF}])
        wide = page.evaluate("""() => [document.documentElement.scrollWidth,
                                       document.documentElement.clientWidth]""")
        assert wide[0] <= wide[1], wide
        shot(page, "svar-formular-telefon")
        page.get_by_role("button", name="Skicka svaret").click()
        expect(page.get_by_text("Tack – svaret är mottaget")).to_be_visible()
        shot(page, "svar-kvitto-telefon", full_page=False)
        receipt = page.get_by_role("status").inner_text()
    number = receipt.split("som svar ")[1].split(".")[0].strip()

    # axe on the form and on "Länken gäller inte" (a context that lets axe's script in).
    with own_origin_only(browser, server, bypass_csp=True, **PHONE) as ctx:
        page = ctx.new_page()
        page.goto(url)
        assert axe_problems(page) == [], json.dumps(axe_problems(page), ensure_ascii=False)
        page.goto(f"{server.url}/svar/{'A' * 43}")
        expect(page.get_by_role("heading", name="Länken gäller inte")).to_be_visible()
        assert axe_problems(page) == []

    # The inspector: the handling in the diarium, the answers beside the krav, assessed.
    with own_origin_only(browser, server, **PHONE) as ctx:
        page = ctx.new_page()
        login(page, server, "inspektor")
        page.goto(f"{server.url}/arenden/{case['id']}#diarium")
        row = page.locator("table.diarium tr", has_text=number)
        expect(row).to_contain_text("Svar")
        expect(row).to_contain_text("handlingsplan.pdf")
        row.scroll_into_view_if_needed()
        shot(page, "svar-diarium-telefon")
        page.goto(f"{server.url}/arenden/{case['id']}/steg/svar")
        answer = page.locator(".employer-answer").first
        expect(answer).to_contain_text("fördjupad undersökning")
        expect(answer).to_contain_text("Anna Berg, socialchef")
        expect(page.locator(".employer-answer").nth(1)).to_contain_text("larm köpt in")
        page.locator(f'input[name="bedomning_{first}"][value="uppfyllt"]').check()
        page.locator(f'input[name="bedomning_{second}"][value="ej_uppfyllt"]').check()
        page.locator(f"#m-{second}").fill("Riskbedömningen saknar besöksrummen.")
        shot(page, "svar-bedomning-telefon")
        page.get_by_role("button", name="Spara bedömningen").click()
        page.wait_for_url(lambda u: "/steg/svar" not in u)
    with server.api("inspektor") as api:
        detail = api.get(f"/api/cases/{case['id']}").json()
        states = {k["id"]: k["state"] for k in detail["krav"]}
        assert states[first] == "uppfyllt" and states[second] == "ej_uppfyllt"
        handling = next(h for h in api.get(f"/api/cases/{case['id']}/handlingar").json()
                    if h["number"] == number)
        assert handling["kind"] == "svar" and handling["files"][0]["name"] == "handlingsplan.pdf"

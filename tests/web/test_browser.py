"""The pages in real headless Chromium: each role's work end to end, offline and a11y checks.

Screenshots of each role's main page and of the gruppsamtal form land in /tmp/screens/.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

from tests.web.browser import DESKTOP, PHONE, Server, axe_problems, login, shot

TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True}


def _case_id(url: str) -> int:
    found = re.search(r"/arenden/(\d+)", url)
    assert found, url
    return int(found.group(1))


def _fill_participant(page: Any, seed: int, questions: int = 22) -> None:
    """Tap one answer per question, as an inspector would on the touch screen."""
    for q in range(1, questions + 1):
        value = 1 + (seed + q) % 5
        page.locator(f'input[name="q{q}"][value="{value}"]').check()


def _stored_groups(server: Server, case_id: int) -> int:
    with server.api("inspektor") as api:
        return len(api.get(f"/api/cases/{case_id}").json()["gruppsamtal"])


def test_inspector_walks_a_case_from_opening_to_the_letter(server: Server, browser: Any) -> None:
    desk = browser.new_context(**DESKTOP)
    page = desk.new_page()
    login(page, server, "inspektor")
    shot(page, "inspektor-mina-arenden")
    page.get_by_role("link", name="Öppna ett nytt ärende").click()
    page.get_by_label("Kommun").select_option("1287")
    page.get_by_label("Arbetsställe").fill("Socialtjänsten Trelleborg, Barn och familj")
    page.get_by_role("button", name="Öppna ärendet").click()
    page.get_by_text("Ärendet är öppnat").wait_for()
    case_id = _case_id(page.url)

    page.get_by_role("link", name="Registrera förmöte").click()
    page.get_by_label("Roll, deltagare 1").fill("Socialchef")
    page.get_by_label("Namn, deltagare 1").fill("Eva Ström")
    page.get_by_label("Roll, deltagare 2").fill("Huvudskyddsombud")
    page.get_by_label("Anteckningar").fill("Kontaktperson: HR-konsult Lena Hall.")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Förmötet är registrerat.").wait_for()

    phone = browser.new_context(**PHONE)
    mobile = phone.new_page()
    login(mobile, server, "inspektor")
    mobile.goto(f"{server.url}/arenden/{case_id}")
    mobile.get_by_role("link", name="Registrera gruppsamtal").click()
    mobile.get_by_label("Arbetsområde").fill("Barn och unga")
    for person in range(5):
        _fill_participant(mobile, person)
        if person == 0:
            mobile.evaluate("window.scrollTo(0, 0)")
            shot(mobile, "gruppsamtal-telefon", full_page=False)
        mobile.get_by_role("button", name="Spara deltagaren och ta nästa").click()
        mobile.get_by_text(f"Deltagare {person + 1} är sparad").wait_for()
    mobile.get_by_role("button", name=re.compile("Skicka gruppsamtalet")).click()
    mobile.get_by_text("Gruppsamtalet är registrerat med 5 deltagare.").wait_for()
    assert mobile.locator("table.summary").is_visible()
    shot(mobile, "gruppsamtal-telefon-sammanstallning")
    phone.close()
    assert _stored_groups(server, case_id) == 1

    page.goto(f"{server.url}/arenden/{case_id}")
    page.get_by_role("link", name="Registrera återkoppling").click()
    page.get_by_label("Roll, deltagare 1").fill("Närmaste chef")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Återkopplingen är registrerad.").wait_for()

    page.get_by_role("link", name="Skriva krav").click()
    page.get_by_label("Utgå från ett standardkrav").select_option("hot-vald-riskbedomning")
    page.get_by_role("button", name="Hämta standardkravet").click()
    text = page.get_by_label("Kravets text")
    text.fill(text.input_value() + " Undersökningen ska omfatta mottagningen på Stortorget.")
    page.get_by_role("button", name="Spara kravet").click()
    page.get_by_text("Kravet är sparat.").wait_for()
    shot(page, "inspektor-arende")

    page.get_by_role("link", name="Skicka inspektionsmeddelande").click()
    due = (date.today() + timedelta(days=35)).isoformat()
    page.get_by_label("Arbetsgivaren ska svara senast").fill(due)
    with desk.expect_event("response", lambda r: "/utkast/" in r.url) as drafted:
        page.get_by_role("button", name=re.compile("Förhandsgranska")).click()  # a new tab
    assert drafted.value.status == 200
    assert drafted.value.headers["content-type"] == "application/pdf"
    page.get_by_role("button", name="Skicka inspektionsmeddelande").click()
    page.get_by_text("Inspektionsmeddelandet är skickat och registrerat.").wait_for()
    link = page.locator("a.doc-link", has_text="(PDF)").first.get_attribute("href")
    pdf = page.request.get(f"{server.url}{link}")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    desk.close()


def test_jurist_issues_a_forelaggande_med_vite(server: Server, browser: Any) -> None:
    ctx = browser.new_context(**DESKTOP)
    page = ctx.new_page()
    login(page, server, "jurist")
    page.get_by_role("heading", name="Eskaleringskön").wait_for()
    shot(page, "jurist-beslutsdesk")
    card = page.locator("li.case-card", has_text="Helsingborg")
    card.get_by_role("link", name=re.compile("Gå till steget")).click()
    page.get_by_role("heading", name="Besluta föreläggande").wait_for()
    assert page.locator('input[name="krav_ids"]:checked').count() == 1
    page.get_by_label("Vite i kronor").fill("75 000")
    page.get_by_role("button", name="Besluta föreläggande").click()
    page.get_by_text("Föreläggandet är beslutat och registrerat.").wait_for()
    assert "Vite 75 000 kr" in page.locator("main").inner_text().replace("\u00a0", " ")
    page.get_by_role("link", name="Registrera delgivning").click()
    page.get_by_role("button", name="Registrera delgivning").click()
    page.get_by_text("Delgivningen är registrerad.").wait_for()
    ctx.close()


def test_coordinator_sees_the_map_and_the_target_figures(server: Server, browser: Any) -> None:
    ctx = browser.new_context(**DESKTOP)
    page = ctx.new_page()
    login(page, server, "samordnare")
    page.get_by_role("heading", name="Mål och framsteg").wait_for()
    assert page.get_by_text("kommuner nådda mot regionens mål").is_visible()
    assert page.locator("progress.bar").count() == 1
    has_map = page.request.get(f"{server.url}/api/maps/coverage").status == 200
    if has_map:
        frame = page.frame_locator("iframe.map")
        frame.locator("body").wait_for()
        page.wait_for_timeout(500)
    else:
        assert page.get_by_text("Täckningskartan är inte installerad").is_visible()
    shot(page, "samordnare-region")
    with page.expect_download() as got:
        page.get_by_role("link", name="Ladda ned siffrorna (CSV)").click()
    assert got.value.suggested_filename.endswith(".csv")
    ctx.close()


def test_gruppsamtal_survives_a_dropped_connection(server: Server, browser: Any) -> None:
    with server.api("inspektor") as api:
        lund = api.get("/api/cases", params={"kommunkod": "1281"}).json()["items"][0]
    before = _stored_groups(server, lund["id"])
    ctx = browser.new_context(**TABLET)
    page = ctx.new_page()
    login(page, server, "inspektor")
    page.goto(f"{server.url}/arenden/{lund['id']}/gruppsamtal")
    page.get_by_label("Arbetsområde").fill("Ekonomiskt bistånd")
    for person in range(4):
        _fill_participant(page, person + 2)
        page.get_by_role("button", name="Spara deltagaren och ta nästa").click()
        page.get_by_text(f"Deltagare {person + 1} är sparad").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "gruppsamtal-surfplatta", full_page=False)
    ctx.set_offline(True)
    page.get_by_role("button", name=re.compile("Skicka gruppsamtalet")).click()
    page.get_by_text("Ingen anslutning till servern.").wait_for()
    kept = json.loads(page.evaluate(f"localStorage.getItem('inspektion-gruppsamtal-{lund['id']}')"))
    assert kept["state"] == "sending" and len(kept["responses"]) == 4
    assert _stored_groups(server, lund["id"]) == before
    ctx.set_offline(False)
    page.get_by_text("Gruppsamtalet är registrerat med 4 deltagare.").wait_for(timeout=20_000)
    assert _stored_groups(server, lund["id"]) == before + 1
    assert page.evaluate(f"localStorage.getItem('inspektion-gruppsamtal-{lund['id']}')") is None

    # The answer is lost on the way back: the server stored the group, the tablet never heard.
    page.get_by_role("button", name="Registrera ett gruppsamtal till").click()
    page.get_by_label("Arbetsområde").fill("Social jour")
    for person in range(4):
        _fill_participant(page, person)
        page.get_by_role("button", name="Spara deltagaren och ta nästa").click()
        page.get_by_text(f"Deltagare {person + 1} är sparad").wait_for()

    def lose_answer(route: Any) -> None:
        route.fetch()
        route.abort()

    page.route("**/gruppsamtal", lose_answer)
    page.get_by_role("button", name=re.compile("Skicka gruppsamtalet")).click()
    page.get_by_text("Ingen anslutning till servern.").wait_for()
    page.unroute("**/gruppsamtal")
    assert _stored_groups(server, lund["id"]) == before + 2
    page.reload()
    page.get_by_text("inget registrerades två gånger").wait_for()
    assert _stored_groups(server, lund["id"]) == before + 2
    ctx.close()


def test_main_pages_have_no_serious_accessibility_violations(server: Server,
                                                             browser: Any) -> None:
    ctx = browser.new_context(bypass_csp=True, **DESKTOP)
    page = ctx.new_page()
    page.goto(f"{server.url}/logga-in")
    found = {"/logga-in": axe_problems(page)}
    shot(page, "logga-in")
    for username, paths in {
        "inspektor": ["/arenden", "/arenden/nytt", "CASE", "CASE/gruppsamtal",
                      "CASE/steg/krav", "CASE/steg/formote"],
        "samordnare": ["/region"], "jurist": ["/juridik"]}.items():
        login(page, server, username)
        with server.api(username) as api:
            case = api.get("/api/cases", params={"kommunkod": "1281"}).json()["items"][0]
        for path in paths:
            url = path.replace("CASE", f"/arenden/{case['id']}")
            page.goto(f"{server.url}{url}")
            found[f"{username} {url}"] = axe_problems(page)
        page.goto(f"{server.url}/arenden/{case['id']}/steg/formote")
        page.get_by_label("Datum för mötet").fill("2999-01-01")
        page.get_by_role("button", name="Spara").click() if username == "inspektor" else None
        if username == "inspektor":
            page.get_by_text("Det gick inte att spara").wait_for()
            found[f"{username} formulär med fel"] = axe_problems(page)
        ctx.clear_cookies()
    problems = {k: v for k, v in found.items() if v}
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    ctx.close()

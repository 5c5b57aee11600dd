"""The pages in real headless Chromium: each role's work end to end, offline, keyboard and a11y.

Every context is opened with `own_origin_only`, so each test also proves that no page asks
for anything outside the app's own origin. Screenshots of each role's main page (phone and
desktop) and of the gruppsamtal form land in INSPEKTION_SCREENS (default: a folder in the
system's temporary directory). Waiting is left to Playwright's auto-waiting expectations;
no test sleeps for a fixed time.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.web.browser import (
    DESKTOP,
    PHONE,
    SWEDISH,
    Server,
    axe_problems,
    login,
    own_origin_only,
    shot,
)

TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True,
          **SWEDISH}
QUESTIONS = 22
SLOW = 30_000  # ms; the CI machine may be busy, the expectations poll until then


def _case_id(url: str) -> int:
    found = re.search(r"/arenden/(\d+)", url)
    assert found, url
    return int(found.group(1))


def _fill_participant(page: Any, seed: int) -> None:
    """Tap one answer per question, as an inspector would on the touch screen."""
    for q in range(1, QUESTIONS + 1):
        value = 1 + (seed + q) % 5
        page.locator(f'input[name="q{q}"][value="{value}"]').check()


def _save_participant(page: Any, number: int) -> None:
    page.get_by_role("button", name="Spara deltagaren och ta nästa").click()
    expect(page.locator("#gs-status")).to_contain_text(f"Deltagare {number} är sparad")


def _groups(server: Server, case_id: int) -> list[dict[str, Any]]:
    with server.api("inspektor") as api:
        groups: list[dict[str, Any]] = api.get(f"/api/cases/{case_id}").json()["gruppsamtal"]
        return groups


def _lund_case(server: Server, username: str = "inspektor") -> dict[str, Any]:
    with server.api(username) as api:
        case: dict[str, Any] = api.get("/api/cases",
                                       params={"kommunkod": "1281"}).json()["items"][0]
        return case


def test_inspector_walks_a_case_from_opening_to_the_letter(server: Server, browser: Any) -> None:
    with own_origin_only(browser, server, **DESKTOP) as desk:
        page = desk.new_page()
        login(page, server, "inspektor")
        expect(page.get_by_role("heading", name="Mina ärenden")).to_be_visible()
        page.get_by_role("link", name="Öppna ett nytt ärende").click()
        page.get_by_label("Kommun").select_option("1287")
        page.get_by_label("Arbetsställe").fill("Socialtjänsten Trelleborg, Barn och familj")
        page.get_by_role("button", name="Öppna ärendet").click()
        expect(page.get_by_text("Ärendet är öppnat")).to_be_visible()
        case_id = _case_id(page.url)
        refused = page.locator("details.refused")
        refused.locator("summary").click()
        expect(refused).to_contain_text("Skicka inspektionsmeddelande")

        page.get_by_role("link", name="Registrera förmöte").click()
        page.get_by_label("Roll, deltagare 1").fill("Socialchef")
        page.get_by_label("Namn, deltagare 1").fill("Eva Ström")
        page.get_by_label("Roll, deltagare 2").fill("Huvudskyddsombud")
        page.get_by_label("Anteckningar").fill("Kontaktperson: HR-konsult Lena Hall.")
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_text("Förmötet är registrerat.")).to_be_visible()

        with own_origin_only(browser, server, **PHONE) as phone:
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
                _save_participant(mobile, person + 1)
            mobile.get_by_role("button", name=re.compile("Skicka gruppsamtalet")).click()
            expect(mobile.get_by_text("Gruppsamtalet är registrerat med 5 deltagare.")
                   ).to_be_visible()
            expect(mobile.locator("table.summary")).to_be_visible()
            shot(mobile, "gruppsamtal-telefon-sammanstallning")
        assert [g["respondents"] for g in _groups(server, case_id)] == [5]

        page.goto(f"{server.url}/arenden/{case_id}")
        page.get_by_role("link", name="Registrera återkoppling").click()
        page.get_by_label("Roll, deltagare 1").fill("Närmaste chef")
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_text("Återkopplingen är registrerad.")).to_be_visible()

        page.get_by_role("link", name="Skriva krav").click()
        page.get_by_label("Utgå från ett standardkrav").select_option("hot-vald-riskbedomning")
        page.get_by_role("button", name="Hämta standardkravet").click()
        text = page.get_by_label("Kravets text")
        expect(text).not_to_be_empty()
        text.fill(text.input_value() + " Undersökningen ska omfatta mottagningen på Stortorget.")
        assert page.locator('input[name="citations"]:checked').count() >= 1
        page.get_by_role("button", name="Spara kravet").click()
        expect(page.get_by_text("Kravet är sparat.")).to_be_visible()
        expect(page.locator("table.krav")).to_contain_text("mottagningen på Stortorget")
        shot(page, "inspektor-arende")

        page.get_by_role("link", name="Skicka inspektionsmeddelande").click()
        due = (date.today() + timedelta(days=35)).isoformat()
        page.get_by_label("Arbetsgivaren ska svara senast").fill(due)
        with desk.expect_event("response", lambda r: "/utkast/" in r.url) as drafted:
            page.get_by_role("button", name=re.compile("Förhandsgranska")).click()  # a new tab
        assert drafted.value.status == 200
        assert drafted.value.headers["content-type"] == "application/pdf"
        page.get_by_role("button", name="Skicka inspektionsmeddelande").click()
        expect(page.get_by_text("Inspektionsmeddelandet är skickat och registrerat.")
               ).to_be_visible()
        link = page.locator("a.doc-link", has_text="(PDF)").first.get_attribute("href")
        pdf = page.request.get(f"{server.url}{link}")
        assert pdf.status == 200 and pdf.body().startswith(b"%PDF")


def test_jurist_issues_a_forelaggande_med_vite(server: Server, browser: Any) -> None:
    with own_origin_only(browser, server, **DESKTOP) as ctx:
        page = ctx.new_page()
        login(page, server, "jurist")
        expect(page.get_by_role("heading", name="Eskaleringskön")).to_be_visible()
        card = page.locator("li.case-card", has_text="Helsingborg")
        card.get_by_role("link", name=re.compile("Gå till steget")).click()
        expect(page.get_by_role("heading", name="Besluta föreläggande")).to_be_visible()
        assert page.locator('input[name="krav_ids"]:checked').count() == 1
        page.get_by_label("Vite i kronor").fill("femtio tusen")
        page.get_by_role("button", name="Granska och bekräfta").click()
        vite = page.get_by_label("Vite i kronor")
        expect(vite).to_have_attribute("aria-invalid", "true")
        expect(vite).to_have_value("femtio tusen")
        vite.fill("40 000")
        page.get_by_role("button", name="Granska och bekräfta").click()
        # The second step: what will be sent, checked by the same rules, nothing sent yet.
        expect(page.get_by_role("heading", name="Det här skickas")).to_be_visible()
        page.get_by_role("button", name="Bekräfta och skicka").click()
        expect(page.get_by_text("Föreläggandet är beslutat och registrerat.")).to_be_visible()
        assert "Vite 40 000 kr" in page.locator("main").inner_text().replace("\u00a0", " ")
        page.get_by_role("link", name="Registrera delgivning").click()
        page.get_by_role("button", name="Registrera delgivning").click()
        expect(page.get_by_text("Delgivningen är registrerad.")).to_be_visible()


def test_coordinator_sees_the_map_and_the_target_figures(server: Server, browser: Any) -> None:
    with own_origin_only(browser, server, **DESKTOP) as ctx:
        page = ctx.new_page()
        login(page, server, "samordnare")
        expect(page.get_by_role("heading", name="Mål och framsteg")).to_be_visible()
        expect(page.get_by_text("kommuner nådda mot regionens mål")).to_be_visible()
        expect(page.locator("progress.bar")).to_have_count(1)
        expect(page.get_by_role("heading", name="Ärenden per inspektör")).to_be_visible()
        page.locator("iframe.map").scroll_into_view_if_needed()
        frame = page.frame_locator("iframe.map")
        expect(frame.locator(".leaflet-container")).to_be_visible(timeout=SLOW)
        expect(frame.locator("path.leaflet-interactive").first).to_be_attached(timeout=SLOW)
        shot(page, "samordnare-region")
        with page.expect_download() as got:
            page.get_by_role("link", name="Ladda ned siffrorna (CSV)").click()
        assert got.value.suggested_filename.endswith(".csv")
        assert "Ärenden per status;" in got.value.path().read_text(encoding="utf-8-sig")

        page.locator("#arenden tbody tr", has_text="Malmö").get_by_role(
            "link", name=re.compile("Tilldela")).first.click()
        page.get_by_label("Ansvarig inspektör").select_option("inspektor3")
        page.get_by_label("Andra inspektör").select_option("inspektor")
        page.get_by_role("button", name="Tilldela").click()
        expect(page.get_by_text("Inspektörerna är tilldelade.")).to_be_visible()
        expect(page.locator("dl.facts")).to_contain_text("Sara Holm och Karin Lindqvist")


def test_gruppsamtal_survives_a_dropped_connection(server: Server, browser: Any) -> None:
    lund = _lund_case(server)
    before = _groups(server, lund["id"])
    with own_origin_only(browser, server, **TABLET) as ctx:
        page = ctx.new_page()
        login(page, server, "inspektor")
        page.goto(f"{server.url}/arenden/{lund['id']}/gruppsamtal")
        smallest = page.evaluate("""() => Array.from(document.querySelectorAll('.scale-opt'),
            el => el.getBoundingClientRect()).reduce((m, r) => [Math.min(m[0], r.width),
            Math.min(m[1], r.height)], [1e9, 1e9])""")
        assert min(smallest) >= 44, smallest  # touch targets (WCAG 2.5.5 asks for 44 px)
        page.get_by_label("Arbetsområde").fill("Ekonomiskt bistånd")
        for person in range(2):
            _fill_participant(page, person + 2)
            _save_participant(page, person + 1)
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, "gruppsamtal-surfplatta", full_page=False)

        ctx.set_offline(True)  # the connection drops in the middle of the form
        for person in range(2, 4):
            _fill_participant(page, person + 2)
            _save_participant(page, person + 1)
        page.get_by_role("button", name=re.compile("Skicka gruppsamtalet")).click()
        expect(page.get_by_text("Ingen anslutning till servern.")).to_be_visible()
        key = f"inspektion-gruppsamtal-{lund['id']}"
        kept = json.loads(page.evaluate(f"localStorage.getItem('{key}')"))
        assert kept["state"] == "sending" and len(kept["responses"]) == 4
        assert _groups(server, lund["id"]) == before

        ctx.set_offline(False)  # sent again by itself, once
        expect(page.get_by_text("Gruppsamtalet är registrerat med 4 deltagare.")
               ).to_be_visible(timeout=SLOW)
        after = _groups(server, lund["id"])
        assert len(after) == len(before) + 1
        assert [g["respondents"] for g in after if g not in before] == [4]
        assert page.evaluate(f"localStorage.getItem('{key}')") is None

        # The answer is lost on the way back: the server stored the group, the tablet never
        # heard. The tab is closed and opened again (no retry timer left running to race
        # with); the kept draft is sent again with the same key and nothing is stored twice.
        page.get_by_role("button", name="Registrera ett gruppsamtal till").click()
        page.get_by_label("Arbetsområde").fill("Social jour")
        for person in range(4):
            _fill_participant(page, person)
            _save_participant(page, person + 1)

        def lose_answer(route: Any) -> None:
            if route.request.method == "POST":
                route.fetch()
                route.abort()
            else:
                route.continue_()

        page.route("**/gruppsamtal", lose_answer)
        page.get_by_role("button", name=re.compile("Skicka gruppsamtalet")).click()
        expect(page.get_by_text("Ingen anslutning till servern.")).to_be_visible()
        page.close()
        stored = _groups(server, lund["id"])
        assert len(stored) == len(before) + 2
        page = ctx.new_page()
        page.goto(f"{server.url}/arenden/{lund['id']}/gruppsamtal")
        expect(page.get_by_text("inget registrerades två gånger")).to_be_visible(timeout=SLOW)
        again = _groups(server, lund["id"])
        assert again == stored
        assert sorted(g["respondents"] for g in again if g not in before) == [4, 4]
        assert page.evaluate(f"localStorage.getItem('{key}')") is None


def _tab_to(page: Any, selector: str, limit: int = 60) -> int:
    """Press Tab until the focus is on `selector`; the count of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} is not reached with the Tab key")


def _focus_is_visible(page: Any) -> bool:
    return bool(page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
               || s.boxShadow !== 'none'; }"""))


def test_login_and_gruppsamtal_work_with_the_keyboard_alone(server: Server,
                                                           browser: Any) -> None:
    lund = _lund_case(server)
    with own_origin_only(browser, server, **DESKTOP) as ctx:
        page = ctx.new_page()
        page.goto(f"{server.url}/logga-in")
        assert _tab_to(page, "a.skip") == 1  # the first stop skips the header
        _tab_to(page, "#f-username")
        page.keyboard.type("inspektor")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "f-password"
        page.keyboard.type("demo")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Mina ärenden")).to_be_visible()

        page.goto(f"{server.url}/arenden/{lund['id']}/gruppsamtal")
        _tab_to(page, "#gs-area")
        page.keyboard.type("Vuxna och missbruk")
        for q in range(1, QUESTIONS + 1):
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.name") == f"q{q}"
            page.keyboard.press("Space")
            for _ in range(q % 5):
                page.keyboard.press("ArrowRight")
        checked = page.evaluate("""() => Array.from(document.querySelectorAll(
            '#gs-form input[type=radio]:checked'), i => i.name + '=' + i.value)""")
        assert checked == [f"q{q}={1 + q % 5}" for q in range(1, QUESTIONS + 1)]
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "gs-next"
        assert _focus_is_visible(page)
        page.keyboard.press("Enter")
        expect(page.locator("#gs-status")).to_contain_text("Deltagare 1 är sparad")
        expect(page.locator("#gs-deltagare")).to_be_focused()
        expect(page.locator("#gs-deltagare")).to_have_text("Deltagare 2")


MAIN_PAGES = {"inspektor": ["/arenden", "CASE", "CASE/gruppsamtal"],
              "samordnare": ["/region"], "jurist": ["/juridik"]}


def test_main_pages_fit_phone_and_desktop_widths(server: Server, browser: Any) -> None:
    """No sideways scrolling on a phone; a screenshot of each at both widths to look at."""
    for name, options in {"telefon": PHONE, "dator": DESKTOP}.items():
        with own_origin_only(browser, server, **options) as ctx:
            page = ctx.new_page()
            page.goto(f"{server.url}/logga-in")
            shot(page, f"logga-in-{name}")
            for username, paths in MAIN_PAGES.items():
                login(page, server, username)
                case = _lund_case(server, username)
                for path in paths:
                    url = path.replace("CASE", f"/arenden/{case['id']}")
                    page.goto(f"{server.url}{url}")
                    expect(page.locator("h1")).to_be_visible()
                    wide = page.evaluate("""() => [document.documentElement.scrollWidth,
                                                   document.documentElement.clientWidth]""")
                    assert wide[0] <= wide[1], (name, url, wide)
                    if url == "/region":  # the map is lazy: bring it in before the picture
                        page.locator("iframe.map").scroll_into_view_if_needed()
                        expect(page.frame_locator("iframe.map").locator(".leaflet-container")
                               ).to_be_visible(timeout=SLOW)
                    slug = url.strip("/").replace("/", "-").replace(str(case["id"]), "lund")
                    shot(page, f"{username}-{slug}-{name}")
                ctx.clear_cookies()


def test_main_pages_have_no_accessibility_violations(server: Server, browser: Any) -> None:
    with own_origin_only(browser, server, bypass_csp=True, **DESKTOP) as ctx:
        page = ctx.new_page()
        page.goto(f"{server.url}/logga-in")
        found = {"/logga-in": axe_problems(page)}
        page.get_by_role("button", name="Logga in").click()
        expect(page.locator(".error-summary")).to_be_visible()
        found["/logga-in med fel"] = axe_problems(page)
        for username, paths in {
            "inspektor": ["/arenden", "/arenden/nytt", "CASE", "CASE/gruppsamtal",
                          "CASE/steg/krav", "CASE/steg/formote", "CASE/steg/aterkoppling"],
            "samordnare": ["/region", "CASE", "CASE/steg/assign"],
            "jurist": ["/juridik", "CASE"]}.items():
            login(page, server, username)
            case = _lund_case(server, username)
            for path in paths:
                url = path.replace("CASE", f"/arenden/{case['id']}")
                page.goto(f"{server.url}{url}")
                found[f"{username} {url}"] = axe_problems(page, exclude=("iframe.map",))
            if username == "inspektor":
                page.goto(f"{server.url}/arenden/{case['id']}/steg/formote")
                page.get_by_label("Datum för mötet").fill("2999-01-01")
                page.get_by_role("button", name="Spara").click()
                expect(page.get_by_text("Det gick inte att spara")).to_be_visible()
                found["inspektor formulär med fel"] = axe_problems(page)
            if username == "samordnare":  # the map page itself, as the iframe shows it
                page.goto(f"{server.url}/api/maps/coverage")
                expect(page.locator(".leaflet-container")).to_be_visible(timeout=SLOW)
                found["samordnare /api/maps/coverage"] = axe_problems(page)
            if username == "jurist":
                queue = page.goto(f"{server.url}/juridik")
                assert queue is not None and queue.ok
                step = page.locator("li.case-card a.button.primary").first
                step.click()
                expect(page.locator("h1")).to_be_visible()
                found[f"jurist {page.url}"] = axe_problems(page)
            ctx.clear_cookies()
    problems = {k: v for k, v in found.items() if v}
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)

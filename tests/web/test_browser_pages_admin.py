"""Everyday work in real Chromium: the coordinator's map, Min kalender and its feed, the
admin screens and the catalogue; no overlap on desktop or phone, axe finds nothing."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import httpx
from icalendar import Calendar
from playwright.sync_api import expect

from tests.web.browser import (
    NOTHING_SCROLLS_SIDEWAYS,
    PHONE,
    SWEDISH,
    Server,
    axe_problems,
    login,
    own_origin_only,
)

SLOW = 30_000
SCREENS = Path(os.environ.get("INSPEKTION_SCREENS_H15") or tempfile.gettempdir()) / "skärmbilder"
WIDE = {"viewport": {"width": 1366, "height": 768}, **SWEDISH}
MIDDLE = {"viewport": {"width": 1024, "height": 768}, **SWEDISH}
SIZES = {"1366": WIDE, "1024": MIDDLE, "390": PHONE}
BOXES = """() => {
  const sel = ['.ik-side .ik-panel', '.leaflet-control-layers', '.leaflet-control-scale',
               '.leaflet-control-zoom', '.leaflet-control-attribution'];
  const out = [];
  for (const s of sel) for (const el of document.querySelectorAll(s)) {
    let r = el.getBoundingClientRect();
    const side = el.closest('.ik-side');   // a scrolling column shows only its own box
    if (side) {
      const c = side.getBoundingClientRect();
      r = {left: Math.max(r.left, c.left), top: Math.max(r.top, c.top),
           right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom)};
      r.width = r.right - r.left; r.height = r.bottom - r.top;
    }
    if (r.width > 0 && r.height > 0) out.push({s, x: r.left, y: r.top, r: r.right, b: r.bottom});
  }
  return {boxes: out, w: window.innerWidth, h: window.innerHeight};
}"""
VIEW = """() => {
  const m = Object.values(window).find(v => v && v instanceof L.Map);
  const b = m.getBounds();
  return {s: b.getSouth(), n: b.getNorth(), w: b.getWest(), e: b.getEast()};
}"""


def _shot(page: Any, name: str, full_page: bool = True) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=full_page)


def _overlaps(found: dict[str, Any]) -> list[tuple[str, str]]:
    boxes = found["boxes"]
    bad = []
    for i, a in enumerate(boxes):
        if a["x"] < -1 or a["y"] < -1 or a["r"] > found["w"] + 1 or a["b"] > found["h"] + 1:
            bad.append((a["s"], "outside the map"))
        for b in boxes[i + 1:]:
            if a["x"] < b["r"] and b["x"] < a["r"] and a["y"] < b["b"] and b["y"] < a["b"]:
                bad.append((a["s"], b["s"]))
    return bad


def _map_ready(page: Any) -> None:
    expect(page.locator(".leaflet-container")).to_be_visible(timeout=SLOW)
    expect(page.locator("path.leaflet-interactive").first).to_be_attached(timeout=SLOW)
    expect(page.locator(".leaflet-control-scale-line").first).to_be_visible(timeout=SLOW)


def test_coordinators_map_fits_the_region_and_nothing_overlaps(server: Server,
                                                              browser: Any) -> None:
    for size, options in SIZES.items():
        with own_origin_only(browser, server, **options) as ctx:
            page = ctx.new_page()
            login(page, server, "samordnare")
            page.goto(f"{server.url}/api/maps/coverage")
            _map_ready(page)
            view = page.evaluate(VIEW)
            # IRS-Syd (Skåne to Halland and Kalmar, 55.3–58 °N) is all in view, and the view
            # is the region's, not the country's (Sweden spans 55–69 °N, 11–24 °E).
            assert view["s"] < 55.6 and view["n"] > 57.5, (size, view)
            assert view["n"] < 62 and 55 < (view["n"] + view["s"]) / 2 < 58.5, (size, view)
            scales = page.locator(".leaflet-control-scale-line").all_inner_texts()
            assert len(scales) == 1 and re.fullmatch(r"\d+ k?m", scales[0]), scales
            found = page.evaluate(BOXES)
            assert len(found["boxes"]) >= 5, found
            assert not _overlaps(found), (size, _overlaps(found), found)
            _shot(page, f"karta-{size}", full_page=False)
            page.goto(f"{server.url}/region")
            frame_el = page.locator("iframe.map")
            frame_el.scroll_into_view_if_needed()
            expect(frame_el.content_frame.locator(".leaflet-control-scale-line")
                   ).to_be_visible(timeout=SLOW)
            frame = frame_el.element_handle().content_frame()
            assert frame is not None
            inner = frame.evaluate(BOXES)
            assert not _overlaps(inner), (size, "iframe", _overlaps(inner), inner)
            _shot(page, f"region-karta-{size}", full_page=False)


def test_the_map_panels_hold_their_text(server: Server, browser: Any) -> None:
    """The longest legend line ("Eskalerad (underrättelse eller föreläggande)") pushed the
    counts out past the panel's edge, where they were cut off."""
    with own_origin_only(browser, server, **WIDE) as ctx:
        page = ctx.new_page()
        login(page, server, "samordnare")
        page.goto(f"{server.url}/api/maps/coverage")
        _map_ready(page)
        spilled = page.evaluate("""() => [...document.querySelectorAll('.ik-panel')]
          .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.innerText.slice(0, 40))""")
        assert spilled == []
        counts = page.locator("#ik-legend td.n")
        assert counts.count() >= 5 and all(t.strip().isdigit() for t in counts.all_inner_texts())
        assert "rapp." not in page.locator("#ik-targets").inner_text()  # nothing reported


def test_the_admin_users_table_keeps_its_rows(server: Server, browser: Any) -> None:
    """The actions cell (class "actions", a flex row elsewhere) fell out of the table grid:
    its borders and height no longer matched the row's."""
    with own_origin_only(browser, server, **WIDE) as ctx:
        page = ctx.new_page()
        login(page, server, "admin")
        page.goto(f"{server.url}/admin")
        rows = page.evaluate("""() => [...document.querySelectorAll('.admin-users tbody tr')]
          .map(tr => { const r = tr.getBoundingClientRect();
            const c = tr.querySelector('td.actions');
            const b = c.getBoundingClientRect();
            return {display: getComputedStyle(c).display, top: b.top - r.top,
                    bottom: r.bottom - b.bottom}; })""")
        assert rows and all(r["display"] == "table-cell" and abs(r["top"]) < 1
                            and abs(r["bottom"]) < 1 for r in rows), rows


def test_planned_visits_read_as_label_and_date(server: Server, browser: Any) -> None:
    """The read-only list of planned visits (the jurist's view) had no style: each date sat
    indented on a line of its own under its label."""
    with own_origin_only(browser, server, **WIDE) as ctx:
        page = ctx.new_page()
        login(page, server, "jurist")
        page.goto(f"{server.url}/juridik")
        page.locator("table a[href^='/arenden/']").first.click()
        expect(page.locator("dl.planning-list")).to_be_visible()
        page.wait_for_load_state("load")  # under load the first layout can predate the style
        measure = """() => [...document.querySelectorAll('dl.planning-list dt')]
          .map(dt => [dt.getBoundingClientRect().top,
                      dt.nextElementSibling.getBoundingClientRect().top])"""
        with contextlib.suppress(Exception):  # the assertion below reports the positions
            page.wait_for_function(f"(({measure})()).every(([a, b]) => Math.abs(a - b) < 2)",
                                   timeout=5000)
        pairs = page.evaluate(measure)
        assert pairs and all(abs(a - b) < 2 for a, b in pairs), pairs


def test_a_click_on_a_kommun_lists_its_cases(server: Server, browser: Any) -> None:
    with own_origin_only(browser, server, **WIDE) as ctx:
        page = ctx.new_page()
        login(page, server, "samordnare")
        page.goto(f"{server.url}/api/maps/coverage")
        _map_ready(page)
        malmo = page.evaluate("""() => {
          let target = null;
          const m = Object.values(window).find(v => v && v instanceof L.Map);
          m.eachLayer(l => { if (l.feature && l.feature.properties.namn === 'Malmö') target = l; });
          target.fire('click');
          return target.feature.properties.kommunkod;
        }""")
        page.wait_for_url(re.compile(r"/region\?campaign_id=\d+&kommunkod=" + malmo))
        rows = page.locator("#arenden tbody tr")
        expect(rows.first).to_be_visible(timeout=SLOW)
        assert all("Malmö" in t for t in rows.all_inner_texts()), rows.all_inner_texts()


def test_calendar_feed_admin_and_catalogue_pages(server: Server, browser: Any) -> None:
    found: dict[str, Any] = {}
    for size, options in (("1366", WIDE), ("390", PHONE)):
        with own_origin_only(browser, server, bypass_csp=True, **options) as ctx:
            page = ctx.new_page()
            login(page, server, "inspektor")
            page.goto(f"{server.url}/arenden")
            page.locator(".case-card h3 a").first.click()
            expect(page.get_by_role("heading", name="Planerade besök")).to_be_visible()
            page.get_by_label("Gruppsamtal").fill("2026-12-14" if size == "1366" else "2026-12-15")
            page.get_by_label("Uppföljningsbesök").fill("2027-03-01")
            page.get_by_role("button", name="Spara planerade datum").click()
            expect(page.get_by_text("De planerade datumen är sparade.")).to_be_visible()
            page.get_by_role("link", name="Min kalender").first.click() if size == "1366" \
                else page.goto(f"{server.url}/kalender")
            expect(page.get_by_role("heading", name="Min kalender", exact=True)).to_be_visible()
            expect(page.get_by_text(re.compile("Gruppsamtal: "))).to_be_visible()
            page.get_by_role("button", name=re.compile("prenumerationsadress|Skapa ny adress")
                             ).click()
            url = page.get_by_label("Prenumerationsadress").input_value()
            found[f"inspektor /kalender {size}"] = axe_problems(page)
            _shot(page, f"kalender-{size}")
            feed = httpx.get(url, timeout=30)        # as Outlook would: no cookie, no session
            assert feed.status_code == 200, feed.text[:300]
            cal = Calendar.from_ical(feed.content)
            summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
            assert any(s.startswith("Gruppsamtal: ") for s in summaries), summaries
            ctx.clear_cookies()

            login(page, server, "admin")
            page.goto(f"{server.url}/admin")
            expect(page.get_by_role("heading", name=re.compile(r"^Användare"))).to_be_visible()
            assert page.evaluate(NOTHING_SCROLLS_SIDEWAYS), size  # campaigns: every column
            found[f"admin /admin {size}"] = axe_problems(page)
            _shot(page, f"admin-{size}")
            ctx.clear_cookies()

            login(page, server, "jurist")
            page.goto(f"{server.url}/juridik/regelkatalog")
            expect(page.get_by_role("heading", name="Regelkatalogen")).to_be_visible()
            wide = page.evaluate("""() => [document.documentElement.scrollWidth,
                                           document.documentElement.clientWidth]""")
            assert wide[0] <= wide[1], (size, wide)  # a long source address wraps
            found[f"jurist /juridik/regelkatalog {size}"] = axe_problems(page)
            _shot(page, f"regelkatalog-{size}", full_page=False)
            page.goto(f"{server.url}/finns-inte")
            expect(page.get_by_role("heading", name="Sidan finns inte")).to_be_visible()
            found[f"404 {size}"] = axe_problems(page)
            _shot(page, f"fel-404-{size}")
            ctx.clear_cookies()
    problems = {k: v for k, v in found.items() if v}
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)

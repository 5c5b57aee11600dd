"""Bevakning: planned visits on a case, Min kalender, the private iCalendar feed, notices."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from icalendar import Calendar

from tests.support import MALMO, Walker, bearer
from tests.web.pages import csrf_of, login, post_form


async def _planned_case(client: Any, tokens: dict[str, str], campaign_id: int) -> Walker:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.post("assign", {"inspektor1": "insp", "inspektor2": "insp_b"}, role="samordnare",
                 expect=200)
    r = await client.put(f"/api/cases/{w.case_id}/planering", headers=bearer(tokens["insp"]),
                         json={"version": w.version, "formote": "2026-12-02",
                               "gruppsamtal": "2026-12-09", "uppfoljning": "2027-02-15"})
    assert r.status_code == 200, r.text
    w.version = r.json()["version"]
    return w


async def test_planning_is_versioned_validated_and_audited(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _planned_case(client, tokens, campaign_id)
    h = bearer(tokens["insp"])
    stale = await client.put(f"/api/cases/{w.case_id}/planering", headers=h,
                             json={"version": w.version - 1, "formote": "2026-12-03"})
    assert stale.status_code == 409
    bad = await client.put(f"/api/cases/{w.case_id}/planering", headers=h,
                           json={"version": w.version, "formote": "9999-12-30"})
    assert bad.status_code == 400 and bad.json()["field"] == "formote"
    cleared = await client.put(f"/api/cases/{w.case_id}/planering", headers=h,
                               json={"version": w.version, "uppfoljning": None})
    assert cleared.json()["planned"] == {"formote": "2026-12-02", "gruppsamtal": "2026-12-09"}
    audit = (await client.get(f"/api/cases/{w.case_id}/audit", headers=h)).json()
    assert [e for e in audit if e["action"] == "case.planering"][-1]["details"]["before"][
        "uppfoljning"] == "2027-02-15"
    other = await client.put(f"/api/cases/{w.case_id}/planering",
                             headers=bearer(tokens["insp_nord"]),
                             json={"version": cleared.json()["version"], "formote": "2026-12-03"})
    assert other.status_code == 403


async def test_min_kalender_lists_visits_in_date_order(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _planned_case(client, tokens, campaign_id)
    await login(client, "insp")
    page = await client.get("/kalender")
    assert page.status_code == 200 and "<h1>Min kalender</h1>" in page.text
    text = re.sub(r"<[^>]+>", " ", page.text)
    assert text.index("2026-12-02") < text.index("2026-12-09") < text.index("2027-02-15")
    assert ">December 2026</h2>" in page.text and ">Februari 2027</h2>" in page.text
    assert "Förmöte: Malmö" in page.text and f'href="/arenden/{w.case_id}"' in page.text
    case = await client.get(f"/arenden/{w.case_id}")
    assert 'value="2026-12-02"' in case.text and "Planerade besök" in case.text
    r = await post_form(client, f"/arenden/{w.case_id}/planering",
                        {"version": str(w.version), "formote": "2026-12-04", "gruppsamtal": "",
                         "aterkoppling": "2026-12-16", "uppfoljning": "2027-02-15"},
                        page=f"/arenden/{w.case_id}")
    assert r.status_code == 200 and "De planerade datumen är sparade." in r.text
    assert 'value="2026-12-04"' in r.text and 'value="2026-12-16"' in r.text


async def test_private_ical_feed_parses_and_can_be_revoked(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _planned_case(client, tokens, campaign_id)
    await login(client, "insp")
    made = await post_form(client, "/kalender/flode", {}, page="/kalender")
    assert made.status_code == 200
    url = re.search(r'value="(http[^"]+/kalender/ical/[^"]+)"', made.text).group(1)
    path = url[url.index("/kalender/ical/"):]
    client.cookies.clear()                      # a calendar app has no session
    feed = await client.get(path)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert b"\r\n" in feed.content
    cal = Calendar.from_ical(feed.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    title = next(t for t in events if t.startswith("Förmöte: Malmö"))
    assert events[title].decoded("dtstart") == date(2026, 12, 2)
    assert str(events[title]["url"]).endswith(f"/arenden/{w.case_id}")
    assert len({str(e["uid"]) for e in events.values()}) == len(events) == 3
    assert (await client.get("/kalender/ical/gissat-token")).status_code == 404
    await login(client, "insp_b")
    assert (await client.get(path)).status_code == 200   # the link is the key, not the session
    await login(client, "insp")
    revoked = await post_form(client, "/kalender/flode/aterkalla", {}, page="/kalender")
    assert revoked.status_code == 200
    assert (await client.get(path)).status_code == 404


async def test_assignment_and_jurist_steps_notify_the_inspectors(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.post("assign", {"inspektor1": "insp", "inspektor2": "insp_b"}, role="samordnare",
                 expect=200)
    mine = (await client.get("/api/reminders", headers=bearer(tokens["insp_b"]))).json()
    assert [r["kind"] for r in mine] == ["tilldelad"]
    assert "är tilldelat dig" in mine[0]["message"]
    await login(client, "insp_b")
    page = await client.get("/arenden")
    assert "Nytt ärende till dig" in page.text and csrf_of(page.text)
    await w.to_meddelande(n_krav=1, days=10)
    await w.post("svar", {"received": "2026-11-23", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "ej_uppfyllt", "motivering": "Saknas."}]})
    await w.post("underrattelse", {"krav_ids": w.krav_ids, "svar_senast": "2026-12-07",
                                   "vite_sek": 10000, "deadline": "2027-01-31"}, role="jurist")
    kinds = [r["kind"] for r in
             (await client.get("/api/reminders", headers=bearer(tokens["insp"]))).json()]
    assert "juristen_agerade" in kinds


def test_the_sweep_leaves_exactly_the_notice_kinds_alone() -> None:
    from inspektion.db.queries_reminders import UNRESOLVED
    from inspektion.domain.reminder_rules import NOTICE_KINDS
    from inspektion.services.reminders import SWEPT_KINDS

    for sql in UNRESOLVED.values():
        listed = set(re.findall(r"'([a-z_]+)'", sql))
        assert listed == {k.value for k in NOTICE_KINDS}
    assert not SWEPT_KINDS & {k.value for k in NOTICE_KINDS}

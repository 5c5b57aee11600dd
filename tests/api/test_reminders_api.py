"""GET /api/reminders, dismissing, and the escalation queue over HTTP, by role."""

from __future__ import annotations

from typing import Any

from inspektion.services.reminders import run_sweep
from tests.support import UMEA, Walker, bearer, move_days


async def _late_answer(client: Any, tokens: dict[str, str], campaign_id: int) -> Walker:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=2, days=10)
    move_days(12)
    await run_sweep()
    return w


async def test_reminders_need_a_login(client: Any) -> None:
    assert (await client.get("/api/reminders")).status_code == 401
    assert (await client.get("/api/escalation-queue")).status_code == 401


async def test_my_reminders_list_the_case_and_the_message(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _late_answer(client, tokens, campaign_id)
    r = await client.get("/api/reminders", headers=bearer(tokens["insp"]))
    assert r.status_code == 200
    [item] = r.json()
    assert item["kind"] == "svar_forsenat" and item["case_id"] == w.case_id
    assert item["diarienummer"].startswith("2026/") and item["due_on"] == "2026-12-03"
    assert "skulle ha kommit in senast 2026-12-03" in item["message"]
    assert {"id", "kind_label", "created_at"} <= set(item)
    samordnare = (await client.get("/api/reminders", headers=bearer(tokens["samord"]))).json()
    assert [x["kind"] for x in samordnare] == ["veckosammanstallning"]
    assert "Ärenden med försenat svar från arbetsgivaren: 1." in samordnare[0]["message"]


async def test_dismiss_is_own_only_and_audited(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _late_answer(client, tokens, campaign_id)
    [item] = (await client.get("/api/reminders", headers=bearer(tokens["insp"]))).json()
    other = await client.post(f"/api/reminders/{item['id']}/dismiss",
                              headers=bearer(tokens["insp_b"]))
    assert other.status_code == 404 and "finns inte" in other.json()["detail"]
    assert (await client.post(f"/api/reminders/{item['id']}/dismiss",
                              headers=bearer(tokens["jurist"]))).status_code == 404
    mine = await client.post(f"/api/reminders/{item['id']}/dismiss",
                             headers=bearer(tokens["insp"]))
    assert mine.status_code == 200 and mine.json()["dismissed_at"]
    again = await client.post(f"/api/reminders/{item['id']}/dismiss",
                              headers=bearer(tokens["insp"]))
    assert again.status_code == 200
    assert (await client.get("/api/reminders", headers=bearer(tokens["insp"]))).json() == []
    trail = (await client.get(f"/api/cases/{w.case_id}/audit",
                              headers=bearer(tokens["insp"]))).json()
    dismissals = [e for e in trail if e["action"] == "reminder.dismiss"]
    assert len(dismissals) == 1 and dismissals[0]["user"] == "insp"
    await run_sweep()                                # still due, but not shown again
    assert (await client.get("/api/reminders", headers=bearer(tokens["insp"]))).json() == []
    assert (await client.post("/api/reminders/999999/dismiss",
                              headers=bearer(tokens["insp"]))).status_code == 404


async def test_escalation_queue_by_role_and_region(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    south = Walker(client, tokens, campaign_id)
    await south.open()
    await south.to_meddelande(n_krav=2, days=10)
    north = Walker(client, {**tokens, "inspektor": tokens["insp_nord"]}, campaign_id)
    await north.open(kommunkod=UMEA)
    await north.to_meddelande(n_krav=1, days=20)
    move_days(12)
    await south.post("svar", {"received": "2026-12-05", "assessments": [
        {"krav_id": south.krav_ids[0], "outcome": "ej_uppfyllt",
         "motivering": "Åtgärden är inte vidtagen."}]})
    move_days(10)                                    # north's answer is now late too

    def ids(r: Any) -> list[int]:
        assert r.status_code == 200, r.text
        return [row["case_id"] for row in r.json()]

    jurist = await client.get("/api/escalation-queue", headers=bearer(tokens["jurist"]))
    assert ids(jurist) == [south.case_id, north.case_id]       # longest overdue first
    first = jurist.json()[0]
    assert first["days_overdue"] == 12 and first["proposal"] == "underrattelse"
    assert [k["number"] for k in first["krav"]] == [1, 2] and not first["underrattelse_sent"]
    assert first["proposal_label"] == "Skicka underrättelse om föreläggande för krav 1, 2."
    assert ids(await client.get("/api/escalation-queue",
                                headers=bearer(tokens["samord"]))) == [south.case_id]
    assert ids(await client.get("/api/escalation-queue",
                                headers=bearer(tokens["samord_nord"]))) == [north.case_id]
    for role in ("insp", "adm"):
        r = await client.get("/api/escalation-queue", headers=bearer(tokens[role]))
        assert r.status_code == 403 and "jurister och samordnare" in r.json()["detail"]


async def test_reminder_endpoints_are_in_the_openapi_schema(client: Any) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    assert {"/api/reminders", "/api/reminders/{reminder_id}/dismiss",
            "/api/escalation-queue"} <= set(paths)

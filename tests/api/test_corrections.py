"""Krav and meetings can be corrected or withdrawn until the letter that carries them is sent."""

from __future__ import annotations

from typing import Any

from tests.support import Walker, bearer


async def _audit(client: Any, w: Walker, token: str) -> list[dict[str, Any]]:
    r = await client.get(f"/api/cases/{w.case_id}/audit", headers=bearer(token))
    assert r.status_code == 200
    events: list[dict[str, Any]] = r.json()
    return events


async def test_patch_krav_before_the_letter_changes_it_and_audits_before_after(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    await w.add_krav(2)
    h = bearer(tokens["inspektor"])
    r = await client.patch(f"/api/cases/{w.case_id}/krav/{w.krav_ids[0]}", headers=h, json={
        "version": w.version, "text": "Arbetsgivaren ska rätta stavfelet.",
        "citations": ["AFS 2023:1 11 §"], "effektmal": 3})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == w.version + 1
    w.version = r.json()["version"]
    krav = (await w.detail())["krav"][0]
    assert krav["text"] == "Arbetsgivaren ska rätta stavfelet." and krav["effektmal"] == 3
    event = (await _audit(client, w, tokens["inspektor"]))[-1]
    assert event["action"] == "krav.edit"
    assert event["details"]["after"]["text"] == "Arbetsgivaren ska rätta stavfelet."
    assert event["details"]["before"]["text"] != event["details"]["after"]["text"]


async def test_patch_krav_with_stale_version_or_bad_values_changes_nothing(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    await w.add_krav(1)
    url = f"/api/cases/{w.case_id}/krav/{w.krav_ids[0]}"
    h = bearer(tokens["inspektor"])
    r = await client.patch(url, headers=h, json={"version": w.version - 1, "text": "Nytt"})
    assert r.status_code == 409 and "ändrats av någon annan" in r.json()["detail"]
    r = await client.patch(url, headers=h, json={"version": w.version, "text": "  "})
    assert r.status_code == 400 and r.json()["field"] == "text"
    r = await client.patch(url, headers=h, json={"version": w.version,
                                                 "citations": ["AFS 2099:1 1 §"]})
    assert r.status_code == 400 and r.json()["field"] == "citations"
    r = await client.patch(url, headers=bearer(tokens["jurist"]),
                           json={"version": w.version, "text": "Nytt"})
    assert r.status_code == 403
    r = await client.patch(url, headers=bearer(tokens["insp_nord"]),
                           json={"version": w.version, "text": "Nytt"})
    assert r.status_code == 403
    r = await client.patch(f"/api/cases/{w.case_id}/krav/999999", headers=h,
                           json={"version": w.version, "text": "Nytt"})
    assert r.status_code == 404
    assert (await w.detail())["version"] == w.version


async def test_withdraw_krav_renumbers_the_rest_and_needs_if_match(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    await w.add_krav(3)
    h = bearer(tokens["inspektor"])
    url = f"/api/cases/{w.case_id}/krav/{w.krav_ids[0]}"
    r = await client.delete(url, headers=h)
    assert r.status_code == 400 and r.json()["field"] == "version"
    r = await client.delete(url, headers={**h, "If-Match": f'"{w.version}"'})
    assert r.status_code == 200, r.text
    w.version = r.json()["version"]
    krav = (await w.detail())["krav"]
    assert [k["id"] for k in krav] == w.krav_ids[1:]
    assert [k["number"] for k in krav] == [1, 2]
    event = (await _audit(client, w, tokens["inspektor"]))[-1]
    assert event["action"] == "krav.withdraw" and event["details"]["before"]["number"] == 1


async def test_after_the_letter_krav_and_meetings_are_refused_with_409(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=2)
    h = bearer(tokens["inspektor"])
    case = await w.detail()
    url = f"/api/cases/{w.case_id}/krav/{w.krav_ids[0]}"
    r = await client.patch(url, headers=h, json={"version": w.version, "text": "Nytt"})
    assert r.status_code == 409
    assert "skickat" in r.json()["detail"] and "nytt brev" in r.json()["detail"]
    r = await client.delete(url, headers={**h, "If-Match": str(w.version)})
    assert r.status_code == 409
    formote = next(m for m in case["meetings"] if m["kind"] == "formote")
    r = await client.patch(f"/api/cases/{w.case_id}/meetings/{formote['id']}", headers=h,
                           json={"version": w.version, "notes": "Ändrat"})
    assert r.status_code == 409 and "skickat" in r.json()["detail"]
    after = await w.detail()
    assert after["version"] == case["version"] and after["krav"] == case["krav"]


async def test_meeting_edit_and_withdraw_before_the_letter(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    h = bearer(tokens["inspektor"])
    meetings = (await w.detail())["meetings"]
    aterkoppling = next(m for m in meetings if m["kind"] == "aterkoppling")
    url = f"/api/cases/{w.case_id}/meetings/{aterkoppling['id']}"
    r = await client.patch(url, headers=h, json={"version": w.version, "notes": "Rättat",
                                                 "date": "2026-11-20"})
    assert r.status_code == 200, r.text
    assert r.json()["after"] == {"notes": "Rättat", "date": "2026-11-20"}
    w.version = r.json()["version"]
    r = await client.patch(url, headers=h, json={"version": w.version, "date": "2030-01-01"})
    assert r.status_code == 400 and r.json()["field"] == "date"
    gruppsamtal = next(m for m in meetings if m["kind"] == "gruppsamtal")
    r = await client.delete(f"/api/cases/{w.case_id}/meetings/{gruppsamtal['id']}",
                            headers={**h, "If-Match": str(w.version)})
    assert r.status_code == 409
    r = await client.delete(url, headers={**h, "If-Match": str(w.version)})
    assert r.status_code == 200
    assert aterkoppling["id"] not in [m["id"] for m in (await w.detail())["meetings"]]
    event = (await _audit(client, w, tokens["inspektor"]))[-1]
    assert event["action"] == "meeting.withdraw" and event["details"]["before"]["notes"] == \
        "Rättat"


async def test_meeting_participants_are_stored_as_rows_and_unchanged_fields_left_out(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    h = bearer(tokens["inspektor"])
    meeting = next(m for m in (await w.detail())["meetings"] if m["kind"] == "aterkoppling")
    url = f"/api/cases/{w.case_id}/meetings/{meeting['id']}"
    people = [{"role": "Enhetschef", "name": "Anna Berg"}, {"role": "Skyddsombud", "name": ""}]
    r = await client.patch(url, headers=h, json={"version": w.version, "participants": people,
                                                 "notes": meeting["notes"]})
    assert r.status_code == 200, r.text
    assert r.json()["after"] == {"participants": people}  # the notes did not change
    assert r.json()["before"] == {"participants": meeting["participants"]}
    stored = next(m for m in (await w.detail())["meetings"] if m["id"] == meeting["id"])
    assert stored["participants"] == people
    event = (await _audit(client, w, tokens["inspektor"]))[-1]
    assert event["action"] == "meeting.edit" and event["details"]["after"] == {
        "participants": people}

"""Whole cases over HTTP: the escalation chain and tvåstegsmetoden."""

from __future__ import annotations

from typing import Any

from tests.support import Walker, bearer, move_days


async def test_tvastegsmetoden_from_opening_to_closing(client: Any, tokens: dict[str, str],
                                                      campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(method="tillsynsmeddelande")
    await w.post("formote", {"date": "2026-11-23"}, expect=409)
    sent = await w.post("tillsynsmeddelande", {"svar_senast": "2026-12-21"})
    assert sent["status"] == "tillsynsmeddelande_skickat"
    move_days(20)
    await w.post("redovisning", {"received": "2026-12-10", "notes": "Rutiner bifogade"})
    await w.post("komplettering", {"svar_senast": "2027-01-11",
                                   "notes": "Riskbedömningen av hot saknas"})
    move_days(14)
    await w.post("redovisning", {"received": "2026-12-27"})
    visit = await w.post("formote", {"date": "2026-12-27", "participants": [
        {"role": "Enhetschef", "name": "Per"}]})
    assert visit["status"] == "pagaende"
    await w.add_krav(1)
    await w.post("inspektionsmeddelande", {"svar_senast": "2027-02-01"})
    move_days(30)
    await w.post("svar", {"received": "2027-01-20", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"}]})
    assert (await w.post("close", {}, expect=200))["status"] == "avslutad"
    kinds = [d["kind"] for d in (await w.detail())["documents"]]
    assert kinds == ["tillsynsmeddelande", "begaran_komplettering", "inspektionsmeddelande"]
    came_in = await client.get(f"/api/cases/{w.case_id}/handlingar",
                               headers=bearer(tokens["inspektor"]))
    assert [h["kind"] for h in came_in.json()] == ["redovisning", "redovisning", "svar"]


async def test_komplettering_of_a_krav_keeps_the_case_open(client: Any, tokens: dict[str, str],
                                                          campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=1)
    move_days(10)
    out = await w.post("svar", {"received": "2026-12-01", "komplettering_senast": "2027-01-09",
                                "assessments": [{"krav_id": w.krav_ids[0],
                                                 "outcome": "komplettering"}]})
    assert out["status"] == "uppfoljning"
    case = await w.detail()
    assert case["krav"][0]["state"] == "komplettering_begard"
    assert case["krav"][0]["deadline"] == "2027-01-11"  # Saturday 9 Jan → Monday 11 Jan
    await w.post("close", {}, expect=409)


async def test_inspectors_proposal_reaches_the_jurists_queue(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    early = await w.post("forslag", {"text": "Underrättelse"}, expect=409)
    assert "föreslå" in early["detail"]  # nothing to propose before the letter is sent
    await w.to_meddelande(n_krav=2, days=30)
    move_days(35)
    await w.post("svar", {"received": "2026-12-28", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt",
         "motivering": "Åtgärden är inte vidtagen."}]})
    too_long = await w.post("forslag", {"text": "x" * 2001}, expect=400)
    assert too_long["field"] == "text"
    blank = await w.post("forslag", {"text": "   "}, expect=400)
    assert blank["field"] == "text"
    await w.post("forslag", {"text": "Underrättelse"}, role="jurist", expect=403)
    words = "Krav 2 är inte uppfyllt trots svaret; föreslår underrättelse med vite 50 000 kr."
    before = w.version
    out = await w.post("forslag", {"text": words}, expect=200)
    assert out["version"] == before + 1
    queue = await client.get("/api/escalation-queue", headers=bearer(tokens["jurist"]))
    row = next(r for r in queue.json() if r["case_id"] == w.case_id)
    assert row["inspector_proposal"] == words and row["proposal"]  # beside the rules' own
    assert (await w.detail())["inspector_proposal"] == words
    trail = await client.get(f"/api/cases/{w.case_id}/audit", headers=bearer(tokens["jurist"]))
    event = next(e for e in trail.json() if e["action"] == "case.forslag")
    assert event["details"]["before"] == {"forslag": ""}
    assert event["details"]["after"] == {"forslag": words}

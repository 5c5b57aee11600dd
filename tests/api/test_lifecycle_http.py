"""Whole cases over HTTP: the escalation chain and tvåstegsmetoden."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from tests.support import Walker, bearer, move_days


async def test_escalation_to_forelaggande_med_vite_with_delgivning(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=3, days=30)
    move_days(35)
    await w.post("svar", {"received": "2026-12-28", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt",
         "motivering": "Åtgärden är inte vidtagen."},
        {"krav_id": w.krav_ids[2], "outcome": "ej_uppfyllt",
         "motivering": "Åtgärden är inte vidtagen."}]})
    refused = await w.post("close", {}, expect=409)
    assert "2 krav" in refused["detail"]
    # The inspector proposes; a jurist sends the underrättelse.
    under = await w.post("underrattelse", {"krav_ids": w.krav_ids[1:], "svar_senast": "2027-01-20",
                                           "vite_sek": 50000}, role="jurist")
    assert under["status"] == "underrattelse_skickad"
    pdf = await client.get(f"/api/documents/{under['document']['id']}/pdf",
                           headers=bearer(tokens["jurist"]))
    said = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Underrättelse om föreläggande med vite" in said
    assert "genomfört senast" not in said  # the krav's old answer date has passed
    early = await w.post("forelaggande", {"krav_ids": w.krav_ids[1:], "vite_sek": 50000,
                                          "deadline": "2027-03-01"}, role="jurist", expect=409)
    assert "yttra sig" in early["detail"]
    move_days(30)  # 2027-01-27: comment time has run out
    await w.post("forelaggande", {"krav_ids": w.krav_ids[1:], "deadline": "2027-03-01",
                                  "vite_sek": 0}, role="jurist", expect=400)
    fore = await w.post("forelaggande", {"krav_ids": w.krav_ids[1:], "vite_sek": 50000,
                                         "deadline": "2027-03-01"}, role="jurist")
    assert fore["status"] == "forelaggande_beslutat"
    doc = fore["document"]
    assert doc["number"].startswith(w.documents[0]["number"].rsplit("-", 1)[0])
    early_ut = await w.post("utdomande", {}, role="jurist", expect=409)
    assert "delgivet" in early_ut["detail"]
    move_days(3)
    await w.post("delgivning", {"document_id": doc["id"], "date": "2027-01-29",
                                "method": "vanlig"}, role="jurist")
    again = await w.post("delgivning", {"document_id": doc["id"], "date": "2027-01-29",
                                        "method": "vanlig"}, role="jurist", expect=409)
    assert "redan delgivet" in again["detail"]
    move_days(40)
    ut = await w.post("utdomande", {"motivering": "Åtgärderna är inte vidtagna."}, role="jurist")
    assert ut["status"] == "utdomande_ansokt"
    case = await w.detail("jurist")
    states = {k["id"]: k["state"] for k in case["krav"]}
    assert states[w.krav_ids[1]] == "i_forelaggande"
    served = next(d for d in case["documents"] if d["id"] == doc["id"])
    assert served["served_on"] == "2027-01-29" and served["served_how"] == "vanlig"
    pdf = await client.get(f"/api/documents/{doc['id']}/pdf", headers=bearer(tokens["jurist"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # The employer complies at last: the krav are met and the case can close.
    await w.post("svar", {"received": "2027-03-05", "assessments": [
        {"krav_id": k, "outcome": "uppfyllt"} for k in w.krav_ids[1:]]})
    closed = await w.post("close", {}, expect=200)
    assert closed["status"] == "avslutad"


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

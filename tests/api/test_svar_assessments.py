"""The answer in two steps: the handling comes in, then each krav is assessed with reasons."""

from __future__ import annotations

from typing import Any

from inspektion.db.tables import KravAssessment
from tests.api.test_handlingar import PDF_BYTES, answered_case, form, register
from tests.support import bearer, move_days


async def test_answer_registered_before_it_is_assessed_then_linked(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    got = await register(client, tokens["inspektor"], w.case_id, form(), [("svar.pdf", PDF_BYTES)])
    assert got.status_code == 201
    detail = await w.detail()
    assert detail["status"] == "meddelande_skickat"  # registered, not yet assessed
    w.version = detail["version"]
    move_days(2)
    out = await w.post("svar", {"handling_id": got.json()["id"], "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "delvis",
         "motivering": "Riskbedömningen finns men saknar åtgärdsplan."}]})
    assert out["status"] == "uppfoljning"
    assert out["details"]["handling_number"] == got.json()["number"]
    rows = await KravAssessment.select().where(KravAssessment.case == w.case_id).order_by(
        KravAssessment.id)
    assert [(r["outcome"], r["source"], r["handling"]) for r in rows] == [
        ("uppfyllt", "svar", got.json()["id"]), ("delvis", "svar", got.json()["id"])]
    assert str(rows[1]["date"])[:10] == "2026-12-01"      # the answer's date
    assert str(rows[1]["assessed_on"])[:10] == "2026-12-03"  # when it was assessed
    detail = await w.detail("jurist")
    krav = {k["id"]: k["state"] for k in detail["krav"]}
    assert krav[w.krav_ids[1]] == "ej_uppfyllt"  # partly met is not met
    shown = [(a["krav_id"], a["outcome"], a["motivering"], a["date"], a["handling_id"])
             for a in detail["assessments"]]
    assert shown[1] == (w.krav_ids[1], "delvis", "Riskbedömningen finns men saknar "
                        "åtgärdsplan.", "2026-12-01", got.json()["id"])


async def test_motivering_required_for_ej_uppfyllt_and_delvis(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    for outcome in ("ej_uppfyllt", "delvis"):
        r = await w.post("svar", {"received": "2026-12-01", "assessments": [
            {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
            {"krav_id": w.krav_ids[1], "outcome": outcome, "motivering": "  "}]}, expect=400)
        assert r["field"] == "motivering"
        assert "Krav 2" in r["detail"] and "assessments[2].motivering" in r["detail"]
    listed = await client.get(f"/api/cases/{w.case_id}/handlingar",
                              headers=bearer(tokens["inspektor"]))
    assert listed.json() == []  # nothing half-written
    ok = await w.post("svar", {"received": "2026-12-01", "assessments": [
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt", "motivering": "Ingen plan."}]})
    assert ok["details"]["assessments"][0]["motivering"] == "Ingen plan."


async def test_answer_dated_before_the_letter_is_refused(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)  # letter 2026-11-23
    r = await w.post("svar", {"received": "2026-11-22", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"}]}, expect=400)
    assert r["field"] == "received" and "före inspektionsmeddelandet" in r["detail"]
    h = await register(client, tokens["inspektor"], w.case_id, form(received="2026-11-22"))
    assert h.status_code == 400 and h.json()["field"] == "received"


async def test_svar_refuses_a_handling_of_another_kind_or_case(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    other = await register(client, tokens["inspektor"], w.case_id, form(kind="ovrigt"))
    w.version = other.json()["version"]
    r = await w.post("svar", {"handling_id": other.json()["id"], "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"}]}, expect=400)
    assert r["field"] == "handling_id"
    r = await w.post("svar", {"handling_id": 999999, "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"}]}, expect=400)
    assert r["field"] == "handling_id"


async def test_uppfoljning_assessments_dated_the_visit(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    await w.post("svar", {"received": "2026-12-01", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt", "motivering": "Ingen plan."}]})
    move_days(60)
    bad = await w.post("uppfoljning", {"date": "2027-01-28", "assessments": [
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt"}]}, expect=400)
    assert bad["field"] == "motivering"
    kompl = await w.post("uppfoljning", {"date": "2027-01-28", "assessments": [
        {"krav_id": w.krav_ids[1], "outcome": "komplettering"}]}, expect=400)
    assert kompl["field"] == "outcome"
    out = await w.post("uppfoljning", {"date": "2027-01-28", "participants": [
        {"role": "Enhetschef", "name": "Per"}], "assessments": [
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt",
         "motivering": "Vid besöket fanns fortfarande ingen handlingsplan."}]})
    rows = await KravAssessment.select().where(
        (KravAssessment.case == w.case_id) & (KravAssessment.source == "uppfoljning"))
    assert len(rows) == 1 and str(rows[0]["date"])[:10] == "2027-01-28"
    assert rows[0]["meeting"] == out["id"]
    plain = await w.post("uppfoljning", {"date": "2027-01-29"})  # assessments stay optional
    assert plain["version"] == out["version"] + 1
    trail = await client.get(f"/api/cases/{w.case_id}/audit", headers=bearer(tokens["jurist"]))
    visit = next(e for e in trail.json() if e["action"] == "meeting.uppfoljning")
    assert visit["details"]["assessments"][0]["outcome"] == "ej_uppfyllt"

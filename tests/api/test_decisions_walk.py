"""Decisions that hold in court (issue 12), over HTTP with the clock moved.

One full walk — inspection → letter → svar (one krav ej uppfyllt) → underrättelse →
yttrande → föreläggande → delgivning → follow-up after the deadline → ansökan → dom →
close — and each refusal a court would otherwise have to make. Runs on SQLite and, with
INSPEKTION_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import io
import os
from typing import Any

from pypdf import PdfReader

from tests.support import Walker, bearer, move_days

WALK_DIR = os.environ.get("INSPEKTION_WALK_DIR")  # a folder for the walk's log and letters


async def _pdf_text(client: Any, tokens: dict[str, str], doc_id: int) -> str:
    r = await client.get(f"/api/documents/{doc_id}/pdf", headers=bearer(tokens["jurist"]))
    assert r.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    return " ".join(text.split())


async def _handling(w: Walker, kind: str, received: str, description: str,
                    sender: str = "Malmö kommun, socialförvaltningen") -> dict[str, Any]:
    """Register an inkommen handling (the employer's svar or yttrande); keep the version."""
    r = await w.client.post(f"/api/cases/{w.case_id}/handlingar", data={
        "kind": kind, "received": received, "sender": sender, "description": description,
        "version": str(w.version)}, headers=bearer(w.tokens["inspektor"]))
    assert r.status_code == 201, r.text
    out: dict[str, Any] = r.json()
    w.version = out.get("version", w.version)
    return out


async def _opened(client: Any, tokens: dict[str, str], campaign_id: int,
                  org_nr: str = "212000-1124") -> Walker:
    """A case in Malmö whose employer is known by name and organisationsnummer."""
    w = Walker(client, tokens, campaign_id)
    r = await client.post("/api/cases", json={
        "campaign_id": campaign_id, "kommunkod": "1280", "method": "fokusinspektion",
        "arbetsstalle": {"name": "Socialkontoret", "address": "Storgatan 1",
                         "employer": "Malmö kommun", "org_nr": org_nr}},
        headers=bearer(tokens["inspektor"]))
    assert r.status_code == 201, r.text
    w.case_id, w.version = r.json()["id"], r.json()["version"]
    return w


async def _to_underrattelse(client: Any, tokens: dict[str, str], campaign_id: int,
                            vite: int | None = 50_000) -> Walker:
    """2026-11-23 inspection; 2026-12-28 svar with krav 2 and 3 unmet; underrättelse."""
    w = await _opened(client, tokens, campaign_id)
    await w.to_meddelande(n_krav=3, days=30)
    move_days(35)  # 2026-12-28
    await w.post("svar", {"received": "2026-12-28", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt", "motivering": "Inte åtgärdat."},
        {"krav_id": w.krav_ids[2], "outcome": "ej_uppfyllt", "motivering": "Inte åtgärdat."}]})
    await w.post("underrattelse", {
        "krav_ids": w.krav_ids[1:], "svar_senast": "2027-01-20", "deadline": "2027-03-31",
        "vite_sek": vite, "vite_reason": "Åtgärderna hänger ihop: båda gäller riskbedömning."},
        role="jurist")
    move_days(30)  # 2027-01-27: the comment time has run out
    return w


async def test_full_walk_from_inspection_to_dom_and_close(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    log: list[str] = []
    w = await _opened(client, tokens, campaign_id)
    await w.to_meddelande(n_krav=2, days=30)
    log.append(f"2026-11-23 förmöte, gruppsamtal, återkoppling, 2 krav, inspektionsmeddelande "
               f"→ 201 {w.documents[-1]['number']}")
    move_days(35)  # 2026-12-28
    svar = await _handling(w, "svar", "2026-12-22", "Arbetsgivaren skriver att en gemensam "
                           "riskbedömning för hela förvaltningen ska göras under 2027")
    log.append(f"2026-12-28 POST handlingar kind=svar received 2026-12-22 → 201 {svar['number']}")
    await w.post("svar", {"handling_id": svar["id"], "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt",
         "motivering": "Svaret beskriver en gemensam riskbedömning längre fram, inte en per "
                       "verksamhetsområde, och ingen tidplan"}]})
    log.append("2026-12-28 POST svar handling_id (krav 1 uppfyllt, krav 2 ej uppfyllt med "
               "motivering) → 201")
    met = await w.post("underrattelse", {"krav_ids": [w.krav_ids[0]], "svar_senast": "2027-01-20",
                                         "deadline": "2027-03-31"}, role="jurist", expect=409)
    assert met["detail"].startswith("Krav 1 är inte bedömt som ej uppfyllt, och dess svarstid")
    short = await w.post("underrattelse", {"krav_ids": [w.krav_ids[1]],
                                           "svar_senast": "2027-01-04",
                                           "deadline": "2027-03-31"}, role="jurist", expect=409)
    assert "minst 14 dagar" in short["detail"]
    log.append(f"2026-12-28 POST underrattelse svar_senast 2027-01-04 → 409 {short['detail']}")
    under = await w.post("underrattelse", {"krav_ids": [w.krav_ids[1]],
                                           "svar_senast": "2027-01-20", "deadline": "2027-03-31",
                                           "vite_sek": 50_000}, role="jurist")
    log.append(f"2026-12-28 POST underrattelse vite 50 000, deadline 2027-03-31 → 201 "
               f"{under['document']['number']}")
    said = await _pdf_text(client, tokens, under["document"]["id"])
    assert "31 mars 2027" in said  # the åtgärd's deadline
    assert "senast 20 januari 2027" in said and "Huvudskyddsombudet får också" in said
    # 25 § förvaltningslagen: the employer sees what the decision would rest on, the
    # inspector's reasoning on its answer included, before it comments.
    grounds = said[said.index("Skälen"):said.index("Lagstöd")]
    assert "Den 23 november 2026 skickade vi ett inspektionsmeddelande" in grounds
    assert "kom in den 22 december 2026" in grounds
    assert "Svaret beskriver en gemensam riskbedömning längre fram" in grounds
    assert "underrättelse" not in grounds and "yttrande" in grounds  # no earlier round
    move_days(14)  # 2027-01-11
    ytt = await _handling(w, "yttrande", "2027-01-11", "Arbetsgivaren begär längre tid och "
                          "anför att förvaltningen omorganiseras")
    log.append(f"2027-01-11 POST handlingar kind=yttrande → 201 {ytt['number']}")
    move_days(16)  # 2027-01-27
    more = await w.post("forelaggande", {"krav_ids": [w.krav_ids[1]], "vite_sek": 60_000,
                                         "deadline": "2027-03-31"}, role="jurist", expect=409)
    assert "ny underrättelse" in more["detail"]
    log.append(f"2027-01-27 POST forelaggande vite 60 000 → 409 {more['detail']}")
    fore = await w.post("forelaggande", {"krav_ids": [w.krav_ids[1]], "vite_sek": 50_000,
                                         "deadline": "2027-03-31"}, role="jurist")
    log.append(f"2027-01-27 POST forelaggande vite 50 000 → 201 {fore['document']['number']}")
    text = await _pdf_text(client, tokens, fore["document"]["id"])
    assert "23 november 2026" in text  # the inspection and the inspektionsmeddelande
    assert "svar senast den 23 december 2026" in text
    assert "Ert svar från Malmö kommun, socialförvaltningen kom in den 22 december 2026" in text
    assert "gemensam riskbedömning för hela förvaltningen" in text  # the svar's gist
    assert "Svaret beskriver en gemensam riskbedömning längre fram" in text  # the motivering
    assert "Den 28 december 2026 skickade vi en underrättelse" in text
    assert "Ert yttrande kom in den 11 januari 2027" in text and "omorganiseras" in text
    assert "gruppsamtal med socialsekreterare inom barn och unga" in text
    reasons = text[text.index("Skälen för beslutet"):text.index("Lagstöd")]
    assert "Eva Ström" not in reasons and "Jonas Ek" not in reasons  # no participants' names
    assert "Åtgärd 2. Brist:" in text and "Regel:" in text
    assert "gäller först när det har vunnit laga kraft" in text
    move_days(2)  # 2027-01-29
    await w.post("delgivning", {"document_id": fore["document"]["id"], "date": "2027-01-29",
                                "method": "vanlig"}, role="jurist")
    log.append("2027-01-29 POST delgivning vanlig → 201")
    early = await w.post("utdomande", {"motivering": "Inte gjort."}, role="jurist",
                         expect=409)
    log.append(f"2027-01-29 POST utdomande → 409 {early['detail']}")
    move_days(62)  # 2027-04-01, the day after the deadline
    await w.post("uppfoljning", {"date": "2027-04-01", "participants": [
        {"role": "Enhetschef"}], "assessments": [
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt",
         "motivering": "Vid besöket fanns ingen riskbedömning per verksamhetsområde."}]})
    log.append("2027-04-01 POST uppfoljning (krav 2 ej uppfyllt, med motivering) → 201")
    empty = await w.post("utdomande", {"motivering": "  "}, role="jurist", expect=400)
    assert empty["field"] == "motivering"
    ansokan = await w.post("utdomande", {
        "krav_ids": [w.krav_ids[1]], "amount_sek": 50_000,
        "motivering": "Vid uppföljningen den 1 april 2027 fanns fortfarande ingen "
                      "riskbedömning av hot och våld."}, role="jurist")
    assert ansokan["status"] == "utdomande_ansokt"
    assert ansokan["document"]["kind"] == "ansokan_utdomande"
    log.append(f"2027-04-01 POST utdomande 50 000 kr → 201 {ansokan['document']['number']}")
    text = await _pdf_text(client, tokens, ansokan["document"]["id"])
    assert "Förvaltningsrätten i Stockholm" in text and "212000-1124" in text
    assert "Förvaltningsrätten i Malmö" not in text  # 6 § lagen om viten: AV's seat
    assert "Adress: Socialnämnden, Socialkontoret, Storgatan 1, dit föreläggandet" in text
    assert "50 000 kronor" in text and "Bilaga 2: Bevis om delgivning" in text
    assert "Bilaga 1: Föreläggandet" in text and "Bilaga 3" in text
    assert "uppföljningsbesök 2027-04-01" in text
    flat = " ".join(text.split())  # the copies: the motpart and, by law, the skyddsombud
    assert "Kopia till Motparten: Malmö kommun" in flat
    assert "Kopian lämnas enligt 7 kap. 14 § arbetsmiljölagen (1977:1160)." in flat
    docx = await client.get(f"/api/documents/{ansokan['document']['id']}/docx",
                            headers=bearer(tokens["jurist"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    move_days(60)  # 2027-05-31
    dom = await w.post("dom", {"date": "2027-05-20", "outcome": "bifall", "amount_sek": 50_000,
                               "laga_kraft": "2027-05-31"}, role="jurist")
    assert dom["status"] == "dom_meddelad"
    log.append("2027-05-31 POST dom bifall 50 000, laga kraft 2027-05-31 → 201")
    closed = await w.post("close", {}, expect=200)
    assert closed["status"] == "avslutad"
    log.append("2027-05-31 POST close → 200 avslutad")
    trail = await client.get(f"/api/cases/{w.case_id}/audit", headers=bearer(tokens["jurist"]))
    actions = [e["action"] for e in trail.json()]
    assert "decision.utdomande" in actions and "decision.dom" in actions
    if WALK_DIR:
        with open(os.path.join(WALK_DIR, "walk.txt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(log) + "\n")
        for name, doc in (("underrattelse", under), ("forelaggande", fore),
                          ("ansokan", ansokan)):
            r = await client.get(f"/api/documents/{doc['document']['id']}/pdf",
                                 headers=bearer(tokens["jurist"]))
            with open(os.path.join(WALK_DIR, f"{name}.pdf"), "wb") as out:
                out.write(r.content)


async def test_forelaggande_refused_beyond_what_was_announced(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _to_underrattelse(client, tokens, campaign_id)
    k2, k3 = w.krav_ids[1], w.krav_ids[2]
    refusals = [
        ({"krav_ids": [k2, k3], "vite_sek": 5_000_000, "deadline": "2027-03-31"},
         "högre än de 50\u00a0000\u00a0kr"),
        ({"krav_ids": [k2, k3], "vite_sek": 50_000, "deadline": "2027-03-15"},
         "tidigare tidpunkt"),
        ({"krav_ids": [k2, k3], "vite_sek": 50_000, "deadline": "2027-02-01"},
         "minst 30 dagar"),
    ]
    for body, _words in refusals[:2]:
        out = await w.post("forelaggande", body, role="jurist", expect=409)
        assert "ny underrättelse" in out["detail"], out
    for body, words in refusals:
        out = await w.post("forelaggande", body, role="jurist", expect=409)
        assert words in out["detail"], out
    # Less is allowed: one åtgärd, a lower vite, a later deadline.
    await w.post("forelaggande", {"krav_ids": [k2], "vite_sek": 30_000,
                                  "deadline": "2027-04-30"}, role="jurist")


async def test_forelaggande_with_vite_refused_when_none_was_announced(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _to_underrattelse(client, tokens, campaign_id, vite=None)
    out = await w.post("forelaggande", {"krav_ids": w.krav_ids[1:], "vite_sek": 10_000,
                                        "deadline": "2027-03-31"}, role="jurist", expect=409)
    assert "inte skulle förenas med vite" in out["detail"]
    await w.post("forelaggande", {"krav_ids": w.krav_ids[1:], "deadline": "2027-03-31"},
                 role="jurist")


async def test_forelaggande_refused_for_an_atgard_not_announced(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=2, days=30)
    move_days(35)
    await w.post("svar", {"received": "2026-12-28", "assessments": [
        {"krav_id": k, "outcome": "ej_uppfyllt", "motivering": "Inte åtgärdat."}
        for k in w.krav_ids]})
    await w.post("underrattelse", {"krav_ids": [w.krav_ids[0]], "svar_senast": "2027-01-20",
                                   "deadline": "2027-03-31", "vite_sek": 50_000},
                 role="jurist")
    move_days(30)
    out = await w.post("forelaggande", {"krav_ids": w.krav_ids, "vite_sek": 50_000,
                                        "deadline": "2027-03-31"}, role="jurist", expect=409)
    assert "Krav 2 fanns inte med i den senaste underrättelsen" in out["detail"]
    assert str(w.krav_ids[1]) not in out["detail"].replace("Krav 2", "")


async def test_forelaggande_deadline_too_short_and_krav_without_brist(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    no_brist = await w.post("krav", {"text": "Ta fram en rutin för introduktion.",
                                     "citations": ["AFS 2023:1 11 §"], "brist": ""})
    w.krav_ids.append(no_brist["id"])
    await w.post("inspektionsmeddelande", {"svar_senast": "2026-12-23"})
    move_days(35)
    await w.post("svar", {"received": "2026-12-28", "assessments": [
        {"krav_id": no_brist["id"], "outcome": "ej_uppfyllt", "motivering": "Inte åtgärdat."}]})
    await w.post("underrattelse", {"krav_ids": [no_brist["id"]], "svar_senast": "2027-01-20",
                                   "deadline_days": 30}, role="jurist")
    move_days(30)  # 2027-01-27
    short = await w.post("forelaggande", {"krav_ids": [no_brist["id"]],
                                          "deadline": "2027-02-15"}, role="jurist", expect=409)
    assert "minst 30 dagar" in short["detail"]
    out = await w.post("forelaggande", {"krav_ids": [no_brist["id"]], "deadline_days": 30},
                       role="jurist", expect=409)
    assert "Krav 1 saknar en beskriven brist" in out["detail"]


async def test_underrattelse_needs_its_deadline_and_a_long_enough_reply_time(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=1, days=30)
    move_days(35)
    await w.post("svar", {"received": "2026-12-28", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "ej_uppfyllt", "motivering": "Inte åtgärdat."}]})
    missing = await w.post("underrattelse", {"krav_ids": w.krav_ids, "svar_senast": "2027-01-20"},
                           role="jurist", expect=400)
    assert missing["field"] == "deadline"
    short = await w.post("underrattelse", {"krav_ids": w.krav_ids, "svar_senast": "2027-01-05",
                                           "deadline": "2027-03-31"}, role="jurist", expect=409)
    assert "Tiden för yttrande är för kort" in short["detail"]
    two = await w.post("underrattelse", {"krav_ids": w.krav_ids, "svar_senast": "2027-01-20",
                                         "deadline": "2027-01-29"}, role="jurist", expect=409)
    assert "minst 30 dagar" in two["detail"]


async def _served_forelaggande(client: Any, tokens: dict[str, str], campaign_id: int,
                               served: str) -> Walker:
    w = await _to_underrattelse(client, tokens, campaign_id)
    fore = await w.post("forelaggande", {"krav_ids": w.krav_ids[1:], "vite_sek": 50_000,
                                         "deadline": "2027-03-31"}, role="jurist")
    move_days(80)  # 2027-04-17
    await w.post("delgivning", {"document_id": fore["document"]["id"], "date": served,
                                "method": "vanlig"}, role="jurist")
    return w


async def test_utdomande_refused_when_served_too_late(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _served_forelaggande(client, tokens, campaign_id, "2027-03-25")
    await w.post("svar", {"received": "2027-04-17", "assessments": [
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt", "motivering": "Inte åtgärdat."}]})
    out = await w.post("utdomande", {"krav_ids": [w.krav_ids[1]], "motivering": "Inte gjort."},
                       role="jurist", expect=409)
    assert "för sent" in out["detail"] and "minst 14 dagar" in out["detail"]


async def test_utdomande_refused_for_a_krav_met_before_the_deadline_and_without_proof(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _served_forelaggande(client, tokens, campaign_id, "2027-01-29")
    k2, k3 = w.krav_ids[1], w.krav_ids[2]
    # krav 3 was met before the deadline; krav 2 has no assessment after it yet.
    await w.post("svar", {"received": "2027-03-20", "assessments": [
        {"krav_id": k3, "outcome": "uppfyllt"}]})
    met = await w.post("utdomande", {"krav_ids": [k3], "motivering": "Inte gjort."},
                       role="jurist", expect=409)
    assert "Åtgärd 3 bedömdes som uppfylld 2027-03-20" in met["detail"]
    unproven = await w.post("utdomande", {"krav_ids": [k2], "motivering": "Inte gjort."},
                            role="jurist", expect=409)
    assert "ingen bedömning daterad efter 2027-03-31" in unproven["detail"]
    await w.post("svar", {"received": "2027-04-15", "assessments": [
        {"krav_id": k2, "outcome": "ej_uppfyllt", "motivering": "Inte åtgärdat."}]})
    empty = await w.post("utdomande", {"krav_ids": [k2], "motivering": ""}, role="jurist",
                         expect=400)
    assert empty["field"] == "motivering"
    done = await w.post("utdomande", {"krav_ids": [k2], "motivering": "Åtgärd 2 är inte gjord."},
                        role="jurist")
    assert "212000-1124" in await _pdf_text(client, tokens, done["document"]["id"])
    assert done["document"]["kind"] == "ansokan_utdomande"



async def test_going_further_needs_and_gets_a_new_underrattelse(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    """Immediate effect and a higher vite were not announced: refused, then announced anew."""
    w = await _to_underrattelse(client, tokens, campaign_id)  # 2027-01-27, vite 50 000
    k2, k3 = w.krav_ids[1], w.krav_ids[2]
    now = await w.post("forelaggande", {"krav_ids": [k2, k3], "vite_sek": 50_000,
                                        "deadline": "2027-03-31", "immediate": True},
                       role="jurist", expect=409)
    assert "angav inte att beslutet skulle gälla omedelbart" in now["detail"]
    assert "ny underrättelse" in now["detail"]
    again = await w.post("underrattelse", {
        "krav_ids": [k2, k3], "svar_senast": "2027-02-15", "deadline": "2027-04-30",
        "vite_sek": 80_000, "vite_reason": "Åtgärderna hänger ihop.", "immediate": True},
        role="jurist")
    said = await _pdf_text(client, tokens, again["document"]["id"])
    assert "Vi avser också att bestämma att beslutet ska gälla omedelbart" in said
    assert "80 000 kronor" in said
    move_days(20)  # 2027-02-16, after the new comment time
    fore = await w.post("forelaggande", {"krav_ids": [k2, k3], "vite_sek": 80_000,
                                         "deadline": "2027-04-30", "immediate": True},
                        role="jurist")
    text = await _pdf_text(client, tokens, fore["document"]["id"])
    assert "Beslutet gäller omedelbart, även om det överklagas" in text

"""Letters name the employer as the legal person it is and cite only rules in force (issue 13).

Over HTTP, on both databases: a letter dated after the 2025 repeal prints the successors of
the rules a 2024 krav cited; a krav whose rule has none stops the letter (409, by its number);
every letter kind carries the registered name, the organisationsnummer and a copy to the
skyddsombud; the case form asks for a registered name the reference data lacks.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import docx
from pypdf import PdfReader

from inspektion import clock
from inspektion.db.tables import RegulationParagraph
from tests.support import Walker, bearer, move_days

REPEALED = ("AFS 2001:1", "AFS 1993:2", "AFS 2015:4", "AFS 1999:7", "AFS 2009:2")
HELSINGBORG, YSTAD, VINDELN = "1283", "1286", "2404"


async def _texts(client: Any, tokens: dict[str, str], document_id: int) -> tuple[str, str]:
    """The letter's text as a reader gets it: from the stored PDF and from the DOCX."""
    head = bearer(tokens["jurist"])
    pdf = await client.get(f"/api/documents/{document_id}/pdf", headers=head)
    word = await client.get(f"/api/documents/{document_id}/docx", headers=head)
    assert pdf.status_code == 200 and word.status_code == 200
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    document = docx.Document(io.BytesIO(word.content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    docx_text = "\n".join([p.text for p in document.paragraphs] + cells)
    return pdf_text, docx_text


async def _walk_2024_krav(w: Walker, citations_per_krav: list[list[str]]) -> None:
    clock.set_today(date(2024, 11, 4))
    await w.open()
    await w.to_pagaende()
    for citations in citations_per_krav:
        out = await w.post("krav", {"text": "Arbetsgivaren ska ha rutiner och en riskbedömning.",
                                    "citations": citations, "brist": "Rutiner saknas."})
        w.krav_ids.append(out["id"])


async def test_a_2025_letter_for_a_2024_krav_prints_only_the_successors(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await _walk_2024_krav(w, [["AFS 2001:1 5 §", "AFS 1993:2 2 §"]])
    clock.set_today(date(2025, 2, 1))
    out = await w.post("inspektionsmeddelande", {"svar_senast": "2025-03-03"})
    for text in await _texts(client, tokens, out["document"]["id"]):
        flat = " ".join(text.split())
        for old in REPEALED:
            assert old not in flat
        for new in ("AFS 2023:1, 7 §", "AFS 2023:1, 8 §", "AFS 2023:1, 11 §",
                    "AFS 2023:1, 13 §", "AFS 2023:2, 5 kap. 3 §"):
            assert new in flat


async def test_a_krav_whose_rule_has_no_successor_blocks_the_letter(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await _walk_2024_krav(w, [["AFS 2001:1 5 §"], ["AFS 1993:2 9 §"]])
    clock.set_today(date(2025, 2, 3))
    before = w.version
    refused = await w.post("inspektionsmeddelande", {"svar_senast": "2025-03-03"}, expect=409)
    assert "krav 2 hänvisar till AFS 1993:2, 9 §" in refused["detail"]
    assert "Välj i kravet den regel som gäller" in refused["detail"]
    preview = await client.get(f"/api/cases/{w.case_id}/preview/inspektionsmeddelande",
                               params={"svar_senast": "2025-03-03"},
                               headers=bearer(tokens["inspektor"]))
    assert preview.status_code == 409  # not even a draft prints the repealed rule
    assert "krav 2" in preview.json()["detail"]
    case = await w.detail()
    assert case["version"] == before and case["documents"] == []
    # The inspector chooses the rule in force for krav 2; then the letter goes out.
    head = bearer(tokens["inspektor"])
    old_rule = await client.put(f"/api/cases/{w.case_id}/krav/{w.krav_ids[1]}/hanvisningar",
                                json={"version": w.version, "citations": ["AFS 1993:2 9 §"]},
                                headers=head)
    assert old_rule.status_code == 400 and "gäller inte" in old_rule.json()["detail"]
    chosen = await client.put(f"/api/cases/{w.case_id}/krav/{w.krav_ids[1]}/hanvisningar",
                              json={"version": w.version,
                                    "citations": ["AFS 2023:2 5 kap. 3 §"]}, headers=head)
    assert chosen.status_code == 200, chosen.text
    w.version = chosen.json()["version"]
    await w.post("inspektionsmeddelande", {"svar_senast": "2025-03-03"})
    trail = (await client.get(f"/api/cases/{w.case_id}/audit", headers=head)).json()
    change = next(e for e in trail if e["action"] == "krav.hanvisningar")
    assert change["details"]["before"] == ["AFS 1993:2 9 §"]


async def test_every_letter_kind_names_the_legal_person_and_copies_the_skyddsombud(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    fokus = Walker(client, tokens, campaign_id)
    await fokus.open(HELSINGBORG)
    await fokus.to_meddelande(n_krav=2, days=30)
    move_days(35)
    await fokus.post("svar", {"received": clock.today().isoformat(), "assessments": [
        {"krav_id": k, "outcome": "ej_uppfyllt", "motivering": "Ingen riskbedömning visad."}
        for k in fokus.krav_ids]})
    await fokus.post("underrattelse", {"krav_ids": fokus.krav_ids, "vite_sek": 50000,
                                       "svar_senast": (clock.today() + timedelta(days=21)
                                                       ).isoformat(),
                                       "deadline": "2027-06-01",
                                       "vite_reason": "Båda kraven gäller samma riskbedömning."},
                     role="jurist")
    move_days(40)
    await fokus.post("forelaggande", {"krav_ids": fokus.krav_ids, "vite_sek": 50000,
                                      "deadline": "2027-06-01"}, role="jurist")
    tvasteg = Walker(client, tokens, campaign_id)
    await tvasteg.open(YSTAD, method="tillsynsmeddelande")
    await tvasteg.post("tillsynsmeddelande", {"svar_senast": "2027-06-01"})

    seen = set()
    for walker, name, orgnr in ((fokus, "Helsingborgs kommun", "212000-1157"),
                                (tvasteg, "Ystad kommun", "212000-1181")):
        for document in walker.documents:
            seen.add(document["kind"])
            pdf_text, docx_text = await _texts(client, tokens, document["id"])
            for text in (pdf_text, docx_text):
                flat = " ".join(text.split())
                assert name in flat and orgnr in flat, document["kind"]
                assert "Kopia till" in flat
                assert "7 kap. 14 § arbetsmiljölagen (1977:1160)" in flat
                assert " kommun kommun" not in flat
                assert "registrerat när det bedömdes" not in flat  # a register note, unquoted
            # The address block: legal person, number, nämnd, workplace, address, each once.
            lines = [line.strip() for line in pdf_text.splitlines()]
            start = lines.index(name)
            assert lines[start:start + 5] == [name, f"Org.nr {orgnr}", "Socialnämnden",
                                              "Socialkontoret", "Storgatan 1"]
            assert "Socialnämnden, Socialnämnden" not in pdf_text
    assert seen == {"inspektionsmeddelande", "underrattelse", "forelaggande",
                    "tillsynsmeddelande"}


async def test_the_case_form_asks_for_a_registered_name_the_data_lacks(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    head = bearer(tokens["insp_nord"])
    body: dict[str, Any] = {"campaign_id": campaign_id, "kommunkod": VINDELN,
                            "method": "fokusinspektion",
                            "arbetsstalle": {"name": "Socialkontoret"}}
    asked = await client.post("/api/cases", json=body, headers=head)
    assert asked.status_code == 400
    assert "registrerade namnet för Vindeln" in asked.json()["detail"]
    body["arbetsstalle"] = {"name": "Socialkontoret", "employer": "Vindelns kommun"}
    made = await client.post("/api/cases", json=body, headers=head)
    assert made.status_code == 201, made.text
    case = (await client.get(f"/api/cases/{made.json()['id']}", headers=head)).json()
    assert (case["employer"], case["org_nr"], case["namnd"]) == (
        "Vindelns kommun", "212000-2544", "Socialnämnden")
    assert case["kommun_juridiskt_namn"] == ""


async def test_another_employer_needs_a_valid_organisationsnummer(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    head = bearer(tokens["inspektor"])
    body: dict[str, Any] = {"campaign_id": campaign_id, "kommunkod": HELSINGBORG,
                            "method": "fokusinspektion", "arbetsstalle": {
                                "name": "Boendet", "employer": "Omsorg i Syd AB",
                                "org_nr": "556016-0681"}}
    bad = await client.post("/api/cases", json=body, headers=head)
    assert bad.status_code == 400 and "kontrollsiffra" in bad.json()["detail"]
    rule_built = await client.post("/api/cases", json={**body, "arbetsstalle": {
        "name": "Socialkontoret", "employer": "Helsingborg kommun"}}, headers=head)
    assert rule_built.status_code == 400
    assert "Helsingborgs kommun" in rule_built.json()["detail"]
    body["arbetsstalle"]["org_nr"] = "5560160680"
    made = await client.post("/api/cases", json=body, headers=head)
    assert made.status_code == 201, made.text
    case_id = made.json()["id"]
    case = (await client.get(f"/api/cases/{case_id}", headers=head)).json()
    assert (case["employer"], case["org_nr"]) == ("Omsorg i Syd AB", "556016-0680")
    # Corrected later to the municipality: an audited change of the case.
    changed = await client.put(f"/api/cases/{case_id}/arbetsgivare", json={
        "version": case["version"], "employer": "", "org_nr": ""}, headers=head)
    assert changed.status_code == 200, changed.text
    assert changed.json()["employer"] == "Helsingborgs kommun"
    trail = (await client.get(f"/api/cases/{case_id}/audit", headers=head)).json()
    assert any(e["action"] == "case.arbetsgivare" for e in trail)
    stale = await client.put(f"/api/cases/{case_id}/arbetsgivare", json={
        "version": case["version"], "employer": "", "org_nr": ""}, headers=head)
    assert stale.status_code == 409
    other_region = await client.put(f"/api/cases/{case_id}/arbetsgivare", json={
        "version": changed.json()["version"]}, headers=bearer(tokens["insp_nord"]))
    assert other_region.status_code == 403


async def test_a_decision_waits_until_a_jurist_has_verified_its_paragraphs(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(HELSINGBORG)
    await w.to_meddelande(n_krav=1, days=30)  # cites AFS 2023:1 11 § and 13 §, 2023:2 2 kap. 6 §
    move_days(35)
    await w.post("svar", {"received": clock.today().isoformat(), "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "ej_uppfyllt",
         "motivering": "Ingen handlingsplan visad."}]})
    where = ((RegulationParagraph.regulation_id == "AFS 2023:1")
             & (RegulationParagraph.number == "13 §"))
    kept = await RegulationParagraph.select().where(where).first()
    assert kept is not None and kept["verified"]
    await RegulationParagraph.update({RegulationParagraph.verified: False}).where(where)
    try:
        due = (clock.today() + timedelta(days=21)).isoformat()
        draft = await client.get(f"/api/cases/{w.case_id}/preview/underrattelse",
                                 params={"svar_senast": due},
                                 headers=bearer(tokens["jurist"]))
        assert draft.status_code == 200
        said = " ".join("".join(p.extract_text() for p in PdfReader(
            io.BytesIO(draft.content)).pages).split())
        assert "AFS 2023:1, 13 § [ej verifierad mot källtexten]" in said
        assert "AFS 2023:1, 11 § [ej" not in said
        body = {"krav_ids": w.krav_ids, "svar_senast": due,
                "deadline": (clock.today() + timedelta(days=70)).isoformat()}
        refused = await w.post("underrattelse", body, role="jurist", expect=409)
        assert "krav 1: AFS 2023:1, 13 §" in refused["detail"]
        assert "jurist ska verifiera" in refused["detail"]
        verified = await client.post("/api/regulations/verify", json={
            "citation": "AFS 2023:1 13 §", "source": "AFS 2023:1, Arbetsmiljöverkets PDF"},
            headers=bearer(tokens["jurist"]))
        assert verified.status_code == 200, verified.text
        sent = await w.post("underrattelse", body, role="jurist")
        assert sent["status"] == "underrattelse_skickad"
    finally:
        await RegulationParagraph.update({
            RegulationParagraph.verified: kept["verified"],
            RegulationParagraph.source: kept["source"],
            RegulationParagraph.verified_by: kept["verified_by"],
            RegulationParagraph.verified_at: kept["verified_at"]}).where(where)

"""Bad input gets 400 naming the field, stale versions 409, unknown ids 404; nothing lost."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support import Walker, bearer


async def test_stale_version_gets_409_and_changes_nothing(client: Any, tokens: dict[str, str],
                                                         campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.post("formote", {"date": "2026-11-23"})
    stale = await client.post(f"/api/cases/{w.case_id}/aterkopplande-mote", json={
        "version": 1, "date": "2026-11-23"}, headers=bearer(tokens["inspektor"]))
    assert stale.status_code == 409
    assert "ändrats av någon annan" in stale.json()["detail"]
    case = await w.detail()
    assert case["version"] == 2 and len(case["meetings"]) == 1


async def test_if_match_header_carries_the_version(client: Any, tokens: dict[str, str],
                                                   campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    r = await client.post(f"/api/cases/{w.case_id}/formote", json={"date": "2026-11-23"},
                          headers={**bearer(tokens["inspektor"]), "If-Match": '"1"'})
    assert r.status_code == 201 and r.json()["version"] == 2
    r = await client.post(f"/api/cases/{w.case_id}/formote", json={"date": "2026-11-23"},
                          headers=bearer(tokens["inspektor"]))
    assert r.status_code == 400 and r.json()["field"] == "version"


async def test_two_inspectors_posting_at_once_lose_no_update(client: Any, tokens: dict[str, str],
                                                             campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    version = w.version

    async def add(who: str, slug: str) -> Any:
        return await client.post(f"/api/cases/{w.case_id}/krav", json={
            "version": version, "template_id": slug}, headers=bearer(tokens[who]))

    results = await asyncio.gather(add("insp", "introduktion-rutiner"),
                                   add("insp_b", "krisstod-rutiner"))
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 409]
    case = await w.detail()
    assert len(case["krav"]) == 1 and case["version"] == version + 1


async def test_invalid_input_names_the_field(client: Any, tokens: dict[str, str],
                                             campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    h = bearer(tokens["inspektor"])
    cases = [
        ("krav", {"text": "Gör något", "citations": ["AFS 2099:1 1 §"]}, "citations"),
        ("krav", {"text": "Gör något", "citations": ["AFS 2015:4 9 §"]}, "citations"),
        ("krav", {"text": "Gör något", "citations": ["AML 7 kap. 9 §"]}, "citations"),
        ("krav", {"template_id": "finns-inte"}, "template_id"),
        ("krav", {"template_id": "introduktion-rutiner", "effektmal": 7}, "effektmal"),
        ("aterkoppling", {"date": "2030-01-01"}, "date"),
        ("gruppsamtal", {"date": "2026-11-23", "arbetsomrade": "Vuxna",
                         "responses": [{"1": 9}]}, "responses"),
    ]
    for path, body, field in cases:
        r = await client.post(f"/api/cases/{w.case_id}/{path}", json={"version": w.version,
                                                                      **body}, headers=h)
        assert r.status_code == 400, (path, body, r.text)
        assert r.json().get("field") == field, r.text
    r = await client.post(f"/api/cases/{w.case_id}/formote", json={"version": w.version,
                                                                   "date": "inte-ett-datum"},
                          headers=h)
    assert r.status_code == 400 and "date" in r.text
    r = await client.post(f"/api/cases/{w.case_id}/krav", headers=h, json={
        "version": w.version, "text": "Gör något", "citations": ["AFS 2023:1 11 §"],
        "effektmal": "krisstöd"})
    assert r.status_code == 400 and r.json()["field"] == "effektmal", r.text
    assert r.json()["detail"] == ("Ogiltiga uppgifter – effektmal: förväntade ett heltal eller "
                                  "inget värde, fick text"), r.text
    case = await w.detail()
    assert case["krav"] == [] and case["version"] == w.version
    await w.add_krav(1)
    r = await client.post(f"/api/cases/{w.case_id}/inspektionsmeddelande", headers=h,
                          json={"version": w.version, "svar_senast": "2026-11-01"})
    assert r.status_code == 400 and r.json()["field"] == "svar_senast"


async def test_unknown_ids_get_404(client: Any, tokens: dict[str, str]) -> None:
    h = bearer(tokens["inspektor"])
    nowhere = await client.get("/api/finns-inte", headers=h)
    assert nowhere.status_code == 404 and nowhere.json()["detail"] == "Adressen finns inte."
    wrong = await client.delete("/api/cases/1/audit", headers=h)
    assert wrong.status_code == 405 and "går inte" in wrong.json()["detail"]
    assert (await client.get("/api/cases/999999", headers=h)).status_code == 404
    assert (await client.get("/api/documents/999999/pdf", headers=h)).status_code == 404
    r = await client.post("/api/cases/999999/formote", json={"version": 1, "date": "2026-11-23"},
                          headers=h)
    assert r.status_code == 404


async def test_open_case_checks_its_input(client: Any, tokens: dict[str, str],
                                          campaign_id: int) -> None:
    h = bearer(tokens["inspektor"])
    base = {"campaign_id": campaign_id, "kommunkod": "1280", "arbetsstalle": "Kontor",
            "method": "fokusinspektion"}
    for change, field in [({"kommunkod": "9999"}, "kommunkod"), ({"method": "razzia"}, "method"),
                          ({"campaign_id": 12345}, "campaign_id"),
                          ({"arbetsstalle": {"name": "K", "org_nr": "123"}},
                           "arbetsstalle.org_nr")]:
        r = await client.post("/api/cases", json={**base, **change}, headers=h)
        assert r.status_code == 400 and r.json()["field"] == field, r.text
    r = await client.post("/api/cases", json={**base, "kommunkod": "2480"}, headers=h)
    assert r.status_code == 403  # Umeå is in region Nord

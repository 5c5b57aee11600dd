"""The campaign rollup (db/rollup.py) equals the plain grouped queries after every kind of step.

Runs on SQLite and, with INSPEKTION_TEST_DATABASE_URL, on PostgreSQL. After each step the
rollup's rows are compared with the plain queries (services/rollup_check.differences) and a
count the step must have moved is asserted, so a step the rollup missed fails here.
"""

from __future__ import annotations

import asyncio
from typing import Any

from inspektion.db.tables import Case, KommunRollup, Krav
from inspektion.services import campaign_2015, rollup_check
from inspektion.services.stats import campaign_figures
from inspektion.services.stats_rollup import CampaignRows, as_of, campaign_or_404, fetch
from tests.support import LUND, MALMO, Walker, bearer, move_days


async def _exact(campaign_id: int) -> CampaignRows:
    """The rollup equals the plain queries now; its rows are returned."""
    assert await rollup_check.differences(campaign_id) == []
    return await fetch(campaign_id, as_of(await campaign_or_404(campaign_id)), krav_detail=True)


def _n(rows: CampaignRows, part: str, key: str = "n", **match: Any) -> int:
    return sum(int(r[key]) for r in getattr(rows, part)
               if all(r.get(k) == v for k, v in match.items()))


async def _handling(w: Walker, kind: str, received: str) -> dict[str, Any]:
    r = await w.client.post(f"/api/cases/{w.case_id}/handlingar", data={
        "kind": kind, "received": received, "sender": "Malmö kommun", "description": "Svar",
        "version": str(w.version)}, headers=bearer(w.tokens["inspektor"]))
    assert r.status_code == 201, r.text
    out: dict[str, Any] = r.json()
    w.version = out.get("version", w.version)
    return out


async def _send(w: Walker, method: str, path: str, body: dict[str, Any] | None = None,
                role: str = "inspektor") -> dict[str, Any]:
    """A correction (PATCH/DELETE/PUT) with the case's version; keeps the new one."""
    h = {**bearer(w.tokens[role]), "If-Match": str(w.version)}
    r = await w.client.request(method, f"/api/cases/{w.case_id}/{path}", headers=h,
                               json={"version": w.version, **(body or {})}
                               if body is not None else None)
    assert r.status_code == 200, (path, r.text)
    out: dict[str, Any] = r.json()
    w.version = out.get("version", w.version)
    return out


async def test_every_kind_of_step_keeps_the_rollup_exact(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    cid = campaign_id
    assert _n(await _exact(cid), "cases", "cases") == 0
    w = Walker(client, tokens, cid)
    await w.open(MALMO)
    rows = await _exact(cid)
    assert _n(rows, "cases", "cases", status="planerad") == 1
    await w.post("formote", {"date": "2026-11-23", "participants": [
        {"role": "Enhetschef", "name": "Eva Ström"}]})
    assert _n(await _exact(cid), "meetings", kind="formote") == 1
    await w.post("gruppsamtal", {"date": "2026-11-23", "arbetsomrade": "Barn och unga",
                                 "responses": [{str(q): 2 for q in range(1, 23)}] * 5})
    await w.post("aterkoppling", {"date": "2026-11-23", "participants": [
        {"role": "Enhetschef", "name": "Eva Ström"}]})
    rows = await _exact(cid)
    assert _n(rows, "meetings") == 3 and _n(rows, "cases", "cases", status="pagaende") == 1
    meetings = {m["kind"]: m["id"] for m in (await w.detail())["meetings"]}
    await _send(w, "PATCH", f"meetings/{meetings['aterkoppling']}", {"notes": "Rättat"})
    await _exact(cid)
    await _send(w, "DELETE", f"meetings/{meetings['aterkoppling']}", {})
    assert _n(await _exact(cid), "meetings") == 2
    await w.post("aterkoppling", {"date": "2026-11-23", "participants": [
        {"role": "Enhetschef", "name": "Eva Ström"}]})
    await w.add_krav(3)
    rows = await _exact(cid)
    assert _n(rows, "krav") == 3 and _n(rows, "krav", "open_krav") == 3
    await _send(w, "PATCH", f"krav/{w.krav_ids[0]}", {"citations": ["AFS 2023:1 11 §"],
                                                       "effektmal": 3})
    assert _n(await _exact(cid), "krav", effektmal=3) >= 1
    await _send(w, "DELETE", f"krav/{w.krav_ids[2]}", {})
    w.krav_ids.pop()
    assert _n(await _exact(cid), "krav") == 2
    await w.post("inspektionsmeddelande", {"svar_senast": "2026-12-23"})
    rows = await _exact(cid)
    assert _n(rows, "documents", kind="inspektionsmeddelande") == 1
    assert _n(rows, "overdue") == 0
    move_days(35)  # 2026-12-28: the answer is overdue
    assert _n(await _exact(cid), "overdue") == 1
    svar = await _handling(w, "svar", "2026-12-22")
    await _exact(cid)
    await w.post("svar", {"handling_id": svar["id"], "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt", "motivering": "Inte gjort."}]})
    rows = await _exact(cid)
    assert _n(rows, "krav", "open_krav") == 1 and _n(rows, "overdue") == 0
    await _send(w, "PUT", f"krav/{w.krav_ids[1]}/hanvisningar",
                {"citations": ["AFS 2023:1 11 §"]})
    await _exact(cid)
    await w.post("underrattelse", {"krav_ids": [w.krav_ids[1]], "svar_senast": "2027-01-20",
                                   "deadline": "2027-03-31", "vite_sek": 50_000}, role="jurist")
    assert _n(await _exact(cid), "decisions", kind="underrattelse") == 1
    move_days(30)  # 2027-01-27
    fore = await w.post("forelaggande", {"krav_ids": [w.krav_ids[1]], "vite_sek": 50_000,
                                         "deadline": "2027-03-31"}, role="jurist")
    assert _n(await _exact(cid), "decisions", "with_vite", kind="forelaggande") == 1
    await w.post("delgivning", {"document_id": fore["document"]["id"], "date": "2027-01-27",
                                "method": "vanlig"}, role="jurist")
    await _exact(cid)
    move_days(64)  # 2027-04-01
    await w.post("uppfoljning", {"date": "2027-04-01", "participants": [
        {"role": "Enhetschef"}], "assessments": [
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt", "motivering": "Inte gjort."}]})
    assert _n(await _exact(cid), "meetings", kind="uppfoljning") == 1
    await w.post("utdomande", {"krav_ids": [w.krav_ids[1]], "amount_sek": 50_000,
                               "motivering": "Fortfarande inte gjort."}, role="jurist")
    move_days(60)  # 2027-05-31
    await w.post("dom", {"date": "2027-05-20", "outcome": "bifall", "amount_sek": 50_000,
                         "laga_kraft": "2027-05-31"}, role="jurist")
    await _exact(cid)
    await w.post("close", {}, expect=200)
    rows = await _exact(cid)
    assert _n(rows, "cases", "cases", status="avslutad") == 1
    figures = await campaign_figures(cid)
    assert figures["national"]["krav"] == 2 and figures["national"]["forelagganden_med_vite"] == 1


async def test_tvastegsmetoden_keeps_the_rollup_exact(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(method="tillsynsmeddelande")
    await w.post("tillsynsmeddelande", {"svar_senast": "2026-12-21"})
    rows = await _exact(campaign_id)
    assert _n(rows, "documents", kind="tillsynsmeddelande") == 1
    move_days(30)
    assert _n(await _exact(campaign_id), "overdue") == 1
    await w.post("redovisning", {"received": "2026-12-10", "notes": "Rutiner bifogade"})
    assert _n(await _exact(campaign_id), "overdue") == 0
    await w.post("komplettering", {"svar_senast": "2027-01-11",
                                   "notes": "Riskbedömningen av hot saknas"})
    rows = await _exact(campaign_id)
    assert _n(rows, "cases", "cases", status="komplettering_begard") == 1
    move_days(30)
    assert _n(await _exact(campaign_id), "overdue") == 1
    await w.post("redovisning", {"received": "2027-01-10"})
    await w.post("formote", {"date": "2027-01-20", "participants": [
        {"role": "Enhetschef", "name": "Per"}]})
    rows = await _exact(campaign_id)
    assert _n(rows, "overdue") == 0 and _n(rows, "meetings") == 1


async def test_two_concurrent_writers_in_one_kommun_and_on_one_case(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    first, second = Walker(client, tokens, campaign_id), Walker(client, tokens, campaign_id)
    await asyncio.gather(first.open(MALMO), second.open(MALMO))
    await asyncio.gather(first.to_pagaende(), second.to_pagaende())
    await asyncio.gather(first.add_krav(3), second.add_krav(2))
    rows = await _exact(campaign_id)
    assert _n(rows, "krav") == 5 and _n(rows, "meetings") == 6
    # The same case twice at once: one step lands, the other may be refused as stale (409).
    bodies = [{"template_id": "introduktion-rutiner"}, {"template_id": "krisstod-rutiner"}]
    got = await asyncio.gather(*[client.post(
        f"/api/cases/{first.case_id}/krav", json={"version": first.version, **b},
        headers=bearer(tokens["inspektor"])) for b in bodies])
    assert sorted(r.status_code for r in got)[0] == 201
    assert all(r.status_code in (201, 409) for r in got)
    rows = await _exact(campaign_id)
    assert _n(rows, "krav") == 5 + sum(1 for r in got if r.status_code == 201)
    # Two municipalities and a letter at once.
    first.version = (await first.detail())["version"]
    other = Walker(client, tokens, campaign_id)
    await asyncio.gather(other.open(LUND), first.post("inspektionsmeddelande", {
        "svar_senast": "2026-12-23"}), second.post("inspektionsmeddelande", {
        "svar_senast": "2026-12-23"}))
    rows = await _exact(campaign_id)
    assert _n(rows, "documents", kind="inspektionsmeddelande") == 2


async def test_check_finds_a_write_around_the_services_and_rebuild_repairs_it(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_pagaende()
    await w.add_krav(2)
    await _exact(campaign_id)
    before = await KommunRollup.select().order_by(KommunRollup.id)
    await rollup_check.rebuild_all()
    after = await KommunRollup.select()
    strip = sorted(tuple(sorted((k, v) for k, v in r.items() if k != "id")) for r in before)
    assert sorted(tuple(sorted((k, v) for k, v in r.items() if k != "id")) for r in after) \
        == strip  # from scratch, the same rollup
    await Krav.update({Krav.state: "uppfyllt"}).where(Krav.id == w.krav_ids[0])
    found = await rollup_check.differences(campaign_id)
    assert found and found[0].startswith("krav:")
    await rollup_check.rebuild_all()
    rows = await _exact(campaign_id)
    assert _n(rows, "krav", "open_krav") == 1


async def test_the_imported_campaign_has_its_rollup(db: str) -> None:
    """The 2015–2017 campaign is written in bulk, with its audit events in bulk too."""
    cid = int((await campaign_2015.load_campaign_2015())["campaign_id"])
    rows = await _exact(cid)
    assert _n(rows, "cases", "cases") == 166 and _n(rows, "krav") == 1101
    case = await Case.select(Case.id).where(Case.campaign == cid).first()
    assert case is not None

"""The admin's screens (users, campaigns) and the jurist's catalogue: through the services,
audited, CSRF-protected, in Swedish."""

from __future__ import annotations

import re
from typing import Any

from inspektion.db.tables import AuditEvent, RegulationParagraph
from tests.support import bearer
from tests.web.pages import csrf_of, login, post_form


async def _user_id(client: Any, tokens: dict[str, str], username: str) -> int:
    people = (await client.get("/api/users", headers=bearer(tokens["admin"]))).json()
    return int(next(u["id"] for u in people if u["username"] == username))


async def _actions(*names: str) -> list[str]:
    rows = await AuditEvent.select(AuditEvent.action).where(AuditEvent.action.is_in(list(names)))
    return [r["action"] for r in rows]


async def test_admin_creates_deactivates_resets_and_changes_role(
        client: Any, tokens: dict[str, str]) -> None:
    await login(client, "adm")
    page = await client.get("/admin")
    assert page.status_code == 200 and "<h1>Administration</h1>" in page.text
    made = await post_form(client, "/admin/anvandare", {
        "username": "ny_insp", "display_name": "Nora Nyström", "title": "Inspektör",
        "email": "", "role": "inspektor", "region": "IRS-Syd", "password": "hemligt-1234"},
        page="/admin")
    assert made.status_code == 200 and "Användaren är skapad." in made.text
    assert "Nora Nyström" in made.text
    missing = await post_form(client, "/admin/anvandare", {
        "username": "ingen_region", "display_name": "Utan Region", "role": "inspektor",
        "region": "", "password": "hemligt-1234"}, page="/admin")
    assert missing.status_code == 400 and "måste höra till en region" in missing.text
    assert 'value="Utan Region"' in missing.text and "hemligt-1234" not in missing.text
    uid = await _user_id(client, tokens, "ny_insp")
    r = await post_form(client, f"/admin/anvandare/{uid}/roll",
                        {"role": "samordnare", "region": "IRN-Nord"}, page="/admin")
    assert "Roll och region är ändrade." in r.text
    people = (await client.get("/api/users", headers=bearer(tokens["admin"]))).json()
    assert next(u for u in people if u["id"] == uid)["region"] == "IRN-Nord"
    reset = await post_form(client, f"/admin/anvandare/{uid}/losenord", {}, page="/admin")
    password = re.search(r"<code>([^<]+)</code>", reset.text).group(1)
    assert len(password) >= 12
    off = await post_form(client, f"/admin/anvandare/{uid}/aktiv", {"active": "0"},
                          page="/admin")
    assert "Kontot är ändrat." in off.text
    client.cookies.clear()
    refused = await login(client, "ny_insp", password)
    assert refused.status_code == 400
    await login(client, "adm")
    me = await _user_id(client, tokens, "adm")
    self_off = await post_form(client, f"/admin/anvandare/{me}/aktiv", {"active": "0"},
                               page="/admin")
    assert self_off.status_code == 409 and "ditt eget konto" in self_off.text
    assert sorted(set(await _actions("user.add", "user.role", "user.password_reset",
                                     "user.deactivate"))) == [
        "user.add", "user.deactivate", "user.password_reset", "user.role"]
    no_token = await client.post(f"/admin/anvandare/{uid}/aktiv", data={"active": "1"})
    assert no_token.status_code == 403


async def test_admin_creates_and_archives_a_campaign_with_region_targets(
        client: Any, tokens: dict[str, str]) -> None:
    await login(client, "adm")
    r = await post_form(client, "/admin/kampanjer", {
        "name": "Vår 2027", "start": "2027-03-01", "end": "2027-06-30", "target_share": "40",
        "mal_IRS-Syd": "12"}, page="/admin")
    assert r.status_code == 200 and "Kampanjen är skapad." in r.text
    made = next(c for c in (await client.get("/api/campaigns",
                                             headers=bearer(tokens["admin"]))).json()
                if c["name"] == "Vår 2027")
    assert made["region_targets"]["IRS-Syd"] == 12 and abs(made["target_share"] - 0.4) < 1e-9
    bad = await post_form(client, "/admin/kampanjer", {
        "name": "Fel", "start": "2027-03-01", "end": "2027-01-01", "target_share": "40"},
        page="/admin")
    assert bad.status_code == 400 and "sluta innan den börjar" in bad.text
    done = await post_form(client, f"/admin/kampanjer/{made['id']}/arkivera", {},
                           page="/admin")
    assert "Kampanjen är arkiverad." in done.text
    again = await post_form(client, f"/admin/kampanjer/{made['id']}/arkivera", {},
                            page="/admin")
    assert again.status_code == 409 and "redan arkiverad" in again.text
    assert await _actions("campaign.archive") == ["campaign.archive"]
    await login(client, "insp")
    assert (await client.get("/admin")).status_code == 403


async def test_jurist_verifies_a_paragraph_with_its_source(client: Any) -> None:
    row = await RegulationParagraph.select(
        RegulationParagraph.regulation_id, RegulationParagraph.number,
        RegulationParagraph.source, RegulationParagraph.verified_by,
        RegulationParagraph.verified_at).where(
        RegulationParagraph.verified == False).first()  # noqa: E712
    assert row is not None, "the catalogue has no unverified paragraph to try"
    citation = f"{row['regulation_id']} {row['number']}"
    await login(client, "jur")
    page = await client.get("/juridik/regelkatalog")
    assert page.status_code == 200 and "Inte verifierad" in page.text
    empty = await post_form(client, "/juridik/regelkatalog/verifiera",
                            {"citation": citation, "source": ""}, page="/juridik/regelkatalog")
    assert empty.status_code == 400 and "Ange källan" in empty.text
    source = "https://www.av.se/arbetsmiljoarbete-och-inspektioner/publikationer/foreskrifter/"
    ok = await post_form(client, "/juridik/regelkatalog/verifiera",
                         {"citation": citation, "source": source}, page="/juridik/regelkatalog")
    assert ok.status_code == 200 and "verifierad mot källan" in ok.text
    assert f"Källa: {source}" in ok.text
    try:
        assert await _actions("catalogue.verify") == ["catalogue.verify"]
    finally:
        await RegulationParagraph.update({  # the catalogue is shared by the whole session
            RegulationParagraph.verified: False, RegulationParagraph.source: row["source"],
            RegulationParagraph.verified_by: row["verified_by"],
            RegulationParagraph.verified_at: row["verified_at"]}).where(
            (RegulationParagraph.regulation_id == row["regulation_id"])
            & (RegulationParagraph.number == row["number"]))
    await login(client, "insp")
    assert (await client.get("/juridik/regelkatalog")).status_code == 403
    assert csrf_of(page.text)


async def test_catalogue_shows_only_the_unverified_and_keeps_that_view_after_a_verify(
        client: Any) -> None:
    rows = await RegulationParagraph.select(
        RegulationParagraph.regulation_id, RegulationParagraph.number,
        RegulationParagraph.verified, RegulationParagraph.source,
        RegulationParagraph.verified_by, RegulationParagraph.verified_at)
    todo = [r for r in rows if not r["verified"]]
    done = next(r for r in rows if r["verified"])
    assert todo, "the catalogue has no unverified paragraph to try"
    await login(client, "jur")
    page = await client.get("/juridik/regelkatalog")
    assert f"Visa bara de {len(todo)} som inte är verifierade" in page.text
    only = await client.get("/juridik/regelkatalog", params={"visa": "overifierade"})
    assert only.status_code == 200 and "Visa alla paragrafer" in only.text
    assert only.text.count('action="/juridik/regelkatalog/verifiera"') == len(todo)
    assert "Verifierad</span>" not in only.text
    assert f'value="{done["regulation_id"]} {done["number"]}"' not in only.text
    first = todo[0]
    try:
        r = await post_form(client, "/juridik/regelkatalog/verifiera",
                            {"citation": f"{first['regulation_id']} {first['number']}",
                             "source": "https://www.av.se/", "visa": "overifierade"},
                            page="/juridik/regelkatalog?visa=overifierade")
        assert r.status_code == 200 and "visa=overifierade" in str(r.url)
        assert r.text.count('action="/juridik/regelkatalog/verifiera"') == len(todo) - 1
    finally:
        await RegulationParagraph.update({
            RegulationParagraph.verified: False, RegulationParagraph.source: first["source"],
            RegulationParagraph.verified_by: first["verified_by"],
            RegulationParagraph.verified_at: first["verified_at"]}).where(
            (RegulationParagraph.regulation_id == first["regulation_id"])
            & (RegulationParagraph.number == first["number"]))

"""The employer's answer channel over HTTP: links, the form at /svar/<token>, what it refuses.

Each test walks a case to an issued inspektionsmeddelande, makes a link through the API and
then acts as the employer with nothing but the link: no login, the form's own CSRF field
and cookie, multipart with files.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from inspektion.db.tables import Case, Reminder, Workplace
from tests.api.test_handlingar import PDF_BYTES, PNG_BYTES
from tests.support import Walker, bearer, move_days

INVALID = "Länken gäller inte"


async def letter_case(client: Any, tokens: dict[str, str], campaign_id: int,
                      kommunkod: str = "1280") -> Walker:
    w = Walker(client, tokens, campaign_id)
    await w.open(kommunkod)
    await w.to_meddelande(n_krav=2, days=30)
    return w


async def make_link(client: Any, tokens: dict[str, str], w: Walker,
                    recipient: str = "arbetsgivare") -> dict[str, Any]:
    r = await client.post(f"/api/cases/{w.case_id}/svarslankar", json={
        "document_id": w.documents[0]["id"], "recipient": recipient},
        headers=bearer(tokens["inspektor"]))
    assert r.status_code == 201, r.text
    out: dict[str, Any] = r.json()
    return out


def path_of(link: dict[str, Any]) -> str:
    return "/svar/" + str(link["url"]).rsplit("/svar/", 1)[1]


async def open_form(client: Any, path: str) -> dict[str, str]:
    """The form's hidden fields (the CSRF field is bound to the cookie just set)."""
    r = await client.get(path)
    assert r.status_code == 200, r.text
    fields = dict(re.findall(r'name="(_csrf|client_key)" value="([^"]+)"', r.text))
    assert set(fields) == {"_csrf", "client_key"}
    return fields


async def post_form(client: Any, path: str, data: dict[str, str],
                    files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
                    hidden: dict[str, str] | None = None) -> Any:
    hidden = hidden if hidden is not None else await open_form(client, path)
    return await client.post(path, data={**hidden, **data},
                             files=files or [("fil_0", ("", b"", "application/octet-stream"))],
                             follow_redirects=False)


def answers(w: Walker, **extra: str) -> dict[str, str]:
    a, b = w.krav_ids
    return {f"atgard_{a}": "Riskbedömning av arbetsbelastningen gjord 2026-11-20; åtgärdsplan "
                           "antagen av socialnämnden.",
            f"senast_{a}": "2027-01-31", f"ansvarig_{a}": "Anna Berg, socialchef",
            f"atgard_{b}": "Säkerhetsrutin för hembesök uppdaterad.",
            f"senast_{b}": "", f"ansvarig_{b}": "Per Ek, enhetschef",
            "kontakt": "Anna Berg", "meddelande": "", "handling": "skicka", **extra}


async def handlingar(client: Any, tokens: dict[str, str], case_id: int) -> list[Any]:
    r = await client.get(f"/api/cases/{case_id}/handlingar", headers=bearer(tokens["jurist"]))
    assert r.status_code == 200, r.text
    out: list[Any] = r.json()
    return out


async def test_answer_two_krav_with_files_then_komplettering(
        client: Any, tokens: dict[str, str], campaign_id: int, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    w = await letter_case(client, tokens, campaign_id)
    link = await make_link(client, tokens, w)
    token = link["url"].rsplit("/", 1)[1]
    assert len(token) >= 43 and re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{1,4}){6}", link["code"])
    path = path_of(link)
    page = await client.get(path)
    assert page.status_code == 200
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "Regel: AFS" in page.text and "Vad ett bra svar innehåller" in page.text
    assert "Eva Ström" not in page.text  # the förmöte's participants are not the employer's
    move_days(3)
    a, b = w.krav_ids
    r = await post_form(client, path, answers(w), files=[
        (f"fil_{a}", ("riskbedömning.pdf", PDF_BYTES, "application/pdf")),
        (f"fil_{b}", ("rutin.png", PNG_BYTES, "image/png"))])
    assert r.status_code == 303, r.text
    assert "skickat=" in r.headers["location"]
    got = await handlingar(client, tokens, w.case_id)
    assert [(h["kind"], len(h["files"])) for h in got] == [("svar", 2)]
    first = got[0]
    assert first["answers_number"] == w.documents[0]["number"]
    assert first["number"].endswith("-2") and "Anna Berg" in first["sender"]
    assert "Krav 1: Riskbedömning" in first["description"]
    receipt = await client.get(r.headers["location"])
    assert first["number"] in receipt.text and "mottaget" in receipt.text
    assert "Ni har skickat" in receipt.text and "Anna Berg, socialchef" in receipt.text
    # The inspectors are told, and the trail says who: the link, never its secret.
    notes = await Reminder.select(Reminder.kind, Reminder.message).where(
        Reminder.case == w.case_id)
    assert any(n["kind"] == "svar_inkommet" and first["number"] in n["message"] for n in notes)
    trail = (await client.get(f"/api/cases/{w.case_id}/audit",
                              headers=bearer(tokens["inspektor"]))).text
    assert "svarslänk: arbetsgivaren" in trail and token not in trail
    compact = link["code"].replace("-", "")
    assert compact not in trail
    # A second send is a komplettering, not an overwrite.
    r = await post_form(client, path, {f"atgard_{a}": "Handlingsplanen bifogas nu.",
                                       "handling": "skicka"},
                        files=[("fil_0", ("plan.pdf", PDF_BYTES, "application/pdf"))])
    assert r.status_code == 303, r.text
    got = await handlingar(client, tokens, w.case_id)
    assert [h["kind"] for h in got] == ["svar", "komplettering"]
    assert got[0]["description"] == first["description"]
    # The inspector assesses from the handling.
    detail = await w.detail()
    r = await client.post(f"/api/cases/{w.case_id}/svar", json={
        "version": detail["version"], "handling_id": first["id"],
        "assessments": [{"krav_id": a, "outcome": "uppfyllt"},
                        {"krav_id": b, "outcome": "ej_uppfyllt",
                         "motivering": "Rutinen saknar larm vid hembesök."}]},
        headers=bearer(tokens["inspektor"]))
    assert r.status_code == 201, r.text
    for record in caplog.records:
        assert token not in record.getMessage() and compact not in record.getMessage()


async def test_the_form_never_names_the_employer_by_rule(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    """A workplace without a registered employer name (a row older than the reference data)
    is never addressed as "Helsingborg kommun" (registered: "Helsingborgs kommun")."""
    w = await letter_case(client, tokens, campaign_id, kommunkod="1283")
    link = await make_link(client, tokens, w)
    path = path_of(link)
    assert "Helsingborgs kommun" in (await client.get(path)).text
    place = await Case.select(Case.workplace).where(Case.id == w.case_id).first()
    assert place is not None
    await Workplace.update({Workplace.employer: ""}).where(Workplace.id == place["workplace"])
    page = await client.get(path)
    assert page.status_code == 200
    assert "Helsingborg kommun" not in page.text and "Helsingborgs kommun" not in page.text
    assert "<strong>Arbetsgivaren</strong> – " in page.text
    r = await post_form(client, path, answers(w), hidden=await open_form(client, path))
    assert r.status_code == 303, r.text
    sent = await handlingar(client, tokens, w.case_id)
    assert sent[0]["sender"] == "Arbetsgivaren (Anna Berg)"


async def test_unknown_expired_and_revoked_links(client: Any, tokens: dict[str, str],
                                                 campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    link = await make_link(client, tokens, w)
    path = path_of(link)
    hidden = await open_form(client, path)
    for wrong in ("/svar/" + "A" * 43, "/svar/x", "/svar/" + "0" * 26,
                  path[:-1] + ("A" if path[-1] != "A" else "B")):
        r = await client.get(wrong)
        assert r.status_code == 404 and INVALID in r.text, wrong
        assert r.headers["content-type"].startswith("text/html") and "<h1>" in r.text
        assert w.documents[0]["number"] not in r.text
    # Revoked: the page and a post to it both say only that.
    listed = (await client.get(f"/api/cases/{w.case_id}/svarslankar",
                               headers=bearer(tokens["inspektor"]))).json()
    assert [x["usable"] for x in listed] == [True]
    assert "url" not in listed[0] and "code" not in listed[0]
    r = await client.delete(f"/api/cases/{w.case_id}/svarslankar/{link['id']}",
                            headers=bearer(tokens["inspektor"]))
    assert r.status_code == 200 and r.json() == {"id": link["id"], "revoked": True}
    r = await client.get(path)
    assert r.status_code == 404 and INVALID in r.text
    r = await post_form(client, path, answers(w), hidden=hidden)
    assert r.status_code == 404 and INVALID in r.text
    assert await handlingar(client, tokens, w.case_id) == []
    # Expired: a new link holds until 30 days after svar senast, not a day longer.
    fresh = await make_link(client, tokens, w)
    assert fresh["expires"] == _plus(w.documents[0], 30)
    move_days(30 + 30)
    assert (await client.get(path_of(fresh))).status_code == 200
    move_days(2)
    r = await client.get(path_of(fresh))
    assert r.status_code == 404 and INVALID in r.text


def _plus(document: dict[str, Any], days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(document["created_on"]) + timedelta(days=30 + days)).isoformat()


async def test_a_link_reaches_its_own_case_only(client: Any, tokens: dict[str, str],
                                                campaign_id: int) -> None:
    a_case = await letter_case(client, tokens, campaign_id, "1280")
    b_case = await letter_case(client, tokens, campaign_id, "1281")
    a_link, b_link = await make_link(client, tokens, a_case), await make_link(client, tokens,
                                                                              b_case)
    page = (await client.get(path_of(a_link))).text
    b_detail = await b_case.detail()
    assert b_detail["diarienummer"] not in page
    assert all(f"atgard_{k}" not in page for k in b_case.krav_ids)
    # The link is no login: the API stays closed.
    token = a_link["url"].rsplit("/", 1)[1]
    r = await client.get(f"/api/cases/{b_case.case_id}", headers=bearer(token))
    assert r.status_code == 401
    # Case B's krav sent through case A's link: refused, nothing written anywhere.
    r = await post_form(client, path_of(a_link), {
        f"atgard_{b_case.krav_ids[0]}": "Fel ärende", f"ansvarig_{b_case.krav_ids[0]}": "X",
        "handling": "skicka"})
    assert r.status_code == 400  # B's fields are not A's krav: nothing to send
    got_a = await handlingar(client, tokens, a_case.case_id)
    got_b = await handlingar(client, tokens, b_case.case_id)
    assert got_b == [] and all("Fel ärende" not in h["description"] for h in got_a)
    # A's form (its CSRF field) posted to B's address: refused.
    a_hidden = await open_form(client, path_of(a_link))
    r = await post_form(client, path_of(b_link), answers(b_case), hidden=a_hidden)
    assert r.status_code == 403
    assert await handlingar(client, tokens, b_case.case_id) == []
    # Another region's inspector can neither make nor list links of the case.
    r = await client.post(f"/api/cases/{a_case.case_id}/svarslankar", json={
        "document_id": a_case.documents[0]["id"], "recipient": "arbetsgivare"},
        headers=bearer(tokens["insp_nord"]))
    assert r.status_code == 403
    r = await client.post(f"/api/cases/{a_case.case_id}/svarslankar", json={
        "document_id": b_case.documents[0]["id"], "recipient": "arbetsgivare"},
        headers=bearer(tokens["inspektor"]))
    assert r.status_code == 400 and r.json()["field"] == "document_id"

"""The answer form under abuse and wear: drafts, CSRF, rate limits, hostile input, parallel
sends, the code from the letter, the huvudskyddsombud's own channel, a restart."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from inspektion.db.tables import SvarInskick
from tests.api.test_handlingar import HTML, PDF_BYTES
from tests.api.test_svarslankar import (
    INVALID,
    answers,
    handlingar,
    letter_case,
    make_link,
    open_form,
    path_of,
    post_form,
)
from tests.support import bearer, move_days


async def test_draft_is_kept_until_sent(client: Any, tokens: dict[str, str],
                                        campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    path = path_of(await make_link(client, tokens, w))
    a = w.krav_ids[0]
    r = await post_form(client, path, {f"atgard_{a}": "Påbörjad kartläggning\nrad två",
                                       "kontakt": "Anna", "handling": "utkast"})
    assert r.status_code == 303 and r.headers["location"].endswith("?sparat=1")
    page = await client.get(path)
    assert "Påbörjad kartläggning\nrad två</textarea>" in page.text and "Anna" in page.text
    assert await handlingar(client, tokens, w.case_id) == []
    listed = (await client.get(f"/api/cases/{w.case_id}/svarslankar",
                               headers=bearer(tokens["inspektor"]))).json()
    assert listed[0]["drafts"] == 1 and listed[0]["sent"] == 0
    r = await post_form(client, path, answers(w))
    assert r.status_code == 303
    assert await SvarInskick.count().where(SvarInskick.handling.is_null()) == 0
    assert "Påbörjad kartläggning" not in (await client.get(path)).text


async def test_csrf_needs_the_cookie_and_the_field(client: Any, tokens: dict[str, str],
                                                   campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    path = path_of(await make_link(client, tokens, w))
    hidden = await open_form(client, path)
    r = await post_form(client, path, answers(w), hidden={**hidden, "_csrf": "0" * 64})
    assert r.status_code == 403
    client.cookies.clear()  # a foreign page: the browser sends no SameSite=Strict cookie
    r = await post_form(client, path, answers(w), hidden=hidden)
    assert r.status_code == 403 and "säkerhetskontrollen" in r.text
    r = await client.post(path, data={**hidden, **answers(w)}, follow_redirects=False)
    assert r.status_code in (400, 403)  # not multipart: refused either way
    assert await handlingar(client, tokens, w.case_id) == []


async def test_rate_limits_per_link_and_address(client: Any, tokens: dict[str, str],
                                                campaign_id: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    w = await letter_case(client, tokens, campaign_id)
    path = path_of(await make_link(client, tokens, w))
    monkeypatch.setenv("INSPEKTION_SVAR_MAX_POSTS_PER_LINK", "3")
    hidden = await open_form(client, path)
    codes = [(await post_form(client, path, {"handling": "utkast"}, hidden=hidden)).status_code
             for _ in range(4)]
    assert codes == [303, 303, 303, 429]
    monkeypatch.setenv("INSPEKTION_SVAR_MAX_PER_ADDRESS", "5")
    seen = [(await client.get("/svar/" + "B" * 43)).status_code for _ in range(8)]
    assert 429 in seen and seen[0] in (404, 429)
    r = await client.get(path)
    assert r.status_code == 429 and "Vänta" in r.text


async def test_hostile_input_is_refused_in_swedish(client: Any, tokens: dict[str, str],
                                                   campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    path = path_of(await make_link(client, tokens, w))
    a = w.krav_ids[0]
    for data, files, words in [
        ({f"atgard_{a}": "x" * 6001}, None, "högst 6000 tecken"),
        ({f"atgard_{a}": "ok\x00\x07"}, None, "tecken som inte får användas"),
        ({f"atgard_{a}": "ok", f"senast_{a}": "2026-02-30"}, None, "ÅÅÅÅ-MM-DD"),
        ({f"atgard_{a}": "ok"}, [(f"fil_{a}", ("svar.pdf", HTML, "application/pdf"))],
         "typen avgörs av innehållet"),
        ({f"senast_{a}": "2027-01-01"}, None, "beskriv vad som är gjort"),
        ({}, None, "Skriv ett svar på minst ett krav"),
    ]:
        r = await post_form(client, path, {"handling": "skicka", **data}, files=files)
        assert r.status_code == 400, (data, r.status_code)
        assert words in r.text, words
    assert await handlingar(client, tokens, w.case_id) == []


async def test_ten_parallel_sends(client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    """Ten sends at once: ten numbers in the series, none twice; the first is the svar and
    the rest kompletteringar. The same form sent twice (a double click) makes one."""
    w = await letter_case(client, tokens, campaign_id)
    path = path_of(await make_link(client, tokens, w))
    forms = [await open_form(client, path) for _ in range(10)]
    results = await asyncio.gather(*[
        post_form(client, path, answers(w), hidden=f,
                  files=[("fil_0", ("plan.pdf", PDF_BYTES, "application/pdf"))]) for f in forms])
    assert [r.status_code for r in results] == [303] * 10
    got = await handlingar(client, tokens, w.case_id)
    numbers = [h["number"] for h in got]
    assert len(set(numbers)) == 10
    assert sorted(h["kind"] for h in got) == ["komplettering"] * 9 + ["svar"]
    again = await post_form(client, path, answers(w), hidden=forms[0])
    assert again.status_code == 303
    assert len(await handlingar(client, tokens, w.case_id)) == 10


async def test_code_from_the_letter_opens_the_same_form(client: Any, tokens: dict[str, str],
                                                        campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    link = await make_link(client, tokens, w)
    r = await client.get("/svar", params={"kod": link["code"].lower().replace("-", " ")},
                         follow_redirects=False)
    assert r.status_code == 303
    by_code = r.headers["location"]
    assert (await client.get(by_code)).status_code == 200
    r = await post_form(client, by_code, answers(w))
    assert r.status_code == 303
    assert [h["kind"] for h in await handlingar(client, tokens, w.case_id)] == ["svar"]
    r = await client.get("/svar", params={"kod": "123"})
    assert r.status_code == 400 and "26 tecken" in r.text
    assert (await client.get("/svar")).status_code == 200


async def test_huvudskyddsombud_sends_a_handling_of_their_own(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    employer = path_of(await make_link(client, tokens, w))
    ombud = path_of(await make_link(client, tokens, w, "huvudskyddsombud"))
    assert (await post_form(client, employer, answers(w))).status_code == 303
    r = await post_form(client, ombud, {"meddelande": "Vi delar inte bilden av att "
                                        "bemanningen räcker.", "kontakt": "Lisa Öst",
                                        "handling": "skicka"})
    assert r.status_code == 303
    got = await handlingar(client, tokens, w.case_id)
    assert [(h["kind"], h["sender"].split(" (")[0]) for h in got] == [
        ("svar", "Malmö kommun"), ("yttrande", "Huvudskyddsombudet")]
    # Both links still work; a new link for the same letter and recipient replaces the old.
    new = path_of(await make_link(client, tokens, w))
    assert (await client.get(employer)).status_code == 404
    assert (await client.get(new)).status_code == 200
    assert (await client.get(ombud)).status_code == 200


async def test_the_link_works_after_a_restart(client: Any, tokens: dict[str, str],
                                              campaign_id: int) -> None:
    """Nothing of a link lives in the process: a new app on the same database opens it."""
    from inspektion.api.app import create_app

    w = await letter_case(client, tokens, campaign_id)
    path = path_of(await make_link(client, tokens, w))
    async with AsyncTestClient(app=create_app(bind=False)) as fresh:
        assert (await fresh.get(path)).status_code == 200
        r = await post_form(fresh, path, answers(w))
        assert r.status_code == 303
    assert len(await handlingar(client, tokens, w.case_id)) == 1


async def test_closed_case_takes_no_answer(client: Any, tokens: dict[str, str],
                                           campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    path = path_of(await make_link(client, tokens, w))
    hidden = await open_form(client, path)
    from inspektion.db.tables import Case

    await Case.update({Case.status: "avslutad"}).where(Case.id == w.case_id)
    r = await post_form(client, path, answers(w), hidden=hidden)
    assert r.status_code == 409 and "tar inte emot svar" in r.text
    r = await client.post(f"/api/cases/{w.case_id}/svarslankar", json={
        "document_id": w.documents[0]["id"], "recipient": "arbetsgivare"},
        headers=bearer(tokens["inspektor"]))
    assert r.status_code == 409


async def test_roles_and_bad_bodies_on_the_api(client: Any, tokens: dict[str, str],
                                               campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    url = f"/api/cases/{w.case_id}/svarslankar"
    body = {"document_id": w.documents[0]["id"], "recipient": "arbetsgivare"}
    for role in ("jurist", "samordnare", "admin"):
        r = await client.post(url, json=body, headers=bearer(tokens[role]))
        assert r.status_code == 403, role
    r = await client.post(url, json={**body, "recipient": "chefen"},
                          headers=bearer(tokens["inspektor"]))
    assert r.status_code == 400 and r.json()["field"] == "recipient"
    r = await client.post(url, json={**body, "version": 1}, headers=bearer(tokens["inspektor"]))
    assert r.status_code == 409
    r = await client.delete(f"{url}/999999", headers=bearer(tokens["inspektor"]))
    assert r.status_code == 404
    r = await client.get(url)
    assert r.status_code == 401
    move_days(1)
    assert (await client.get(url, headers=bearer(tokens["jurist"]))).status_code == 200
    assert INVALID  # the constant the employer's pages share


async def test_odd_addresses_are_never_a_500(client: Any) -> None:
    for path in ("/svar/" + "a" * 5000, "/svar/%C3%A5%00", "/svar/..%2F..%2Fapi%2Fcases",
                 "/svar/" + "A" * 42 + "%20", "/svar?kod=" + "x" * 3000, "/svar/a/b"):
        r = await client.get(path)
        assert r.status_code in (400, 404), (path, r.status_code)
        assert r.headers["content-type"].startswith("text/html")
    r = await client.post("/svar/" + "a" * 100, files=[("fil_0", ("a.pdf", PDF_BYTES,
                                                                  "application/pdf"))])
    assert r.status_code in (400, 404)
    r = await client.post("/svar/" + "A" * 43, files=[("fil_0", ("a.pdf", PDF_BYTES,
                                                                 "application/pdf"))])
    assert r.status_code == 404 and INVALID in r.text


def test_log_lines_never_hold_a_link_secret() -> None:
    import logging

    from inspektion.http import log_mask

    log_mask.install()
    secret = "wcof_syDUC3ZbGyVBsbzC5frOKVcapMSHz6bJD_8QX8"
    record = logging.getLogger("uvicorn.access").makeRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "POST", f"/svar/{secret}?sparat=1", "1.1", 303), None)
    assert secret not in record.getMessage() and "/svar/…" in record.getMessage()
    assert log_mask.mask("GET /svar?kod=7K3M-Q9XD&x=1") == "GET /svar?kod=…&x=1"
    assert log_mask.mask(f"error on page POST /svar/{secret}") == "error on page POST /svar/…"

"""The pages: register a handling with a file (multipart, CSRF), see it in the diarium, assess
the answer with reasons."""

from __future__ import annotations

import re
from typing import Any

from tests.api.test_handlingar import HTML, PDF_BYTES, answered_case
from tests.web.pages import csrf_of, login, token_for


async def test_register_on_the_page_and_see_it_in_the_diarium(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    await login(client, "insp")
    path = f"/arenden/{w.case_id}/handlingar/ny"
    page = await client.get(path + "?kind=svar")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    # The letters it may answer, named as people say them, not by their codes.
    assert "– Inspektionsmeddelande</option>" in page.text
    assert "– inspektionsmeddelande<" not in page.text
    token = csrf_of(page.text)
    fields = {"kind": "svar", "received": "2026-12-01", "sender": "Malmö stad",
              "description": "Svar med handlingsplan"}
    no_csrf = await client.post(path, data=fields,
                                files=[("file", ("plan.pdf", PDF_BYTES, "application/pdf"))])
    assert no_csrf.status_code == 403
    bad = await client.post(path, data={"_csrf": token, **fields},
                            files=[("file", ("plan.pdf", HTML, "application/pdf"))])
    assert bad.status_code == 400 and 'id="e-file"' in bad.text
    assert "Svar med handlingsplan" in bad.text  # what was typed stays
    ok = await client.post(path, data={"_csrf": token, **fields},
                           files=[("file", ("Handlingsplan å.pdf", PDF_BYTES, "application/pdf"))])
    assert ok.status_code == 200, ok.text[-500:]  # followed the redirect to the case page
    assert 'id="diarium"' in ok.text and "Handlingsplan å.pdf" in ok.text
    assert "Handlingen är registrerad i diariet." in ok.text
    link = f"/api/cases/{w.case_id}/handlingar/"
    assert link in ok.text
    form = await client.get(f"/arenden/{w.case_id}/steg/svar")
    assert "Malmö stad" in form.text and 'name="motivering_' in form.text
    token = await token_for(client, f"/arenden/{w.case_id}/steg/svar")
    version = form.text.split('name="version" value="')[1].split('"')[0]
    select = form.text.split('name="handling_id"')[1].split("</select>")[0]
    handling = re.findall(r'<option value="(\d+)"', select)[0]
    k1, k2 = w.krav_ids
    missing = await client.post(f"/arenden/{w.case_id}/steg/svar", data={
        "_csrf": token, "version": version, "handling_id": handling,
        f"bedomning_{k1}": "uppfyllt", f"bedomning_{k2}": "delvis"})
    assert missing.status_code == 400 and "Krav 2" in missing.text
    done = await client.post(f"/arenden/{w.case_id}/steg/svar", data={
        "_csrf": token, "version": version, "handling_id": handling,
        f"bedomning_{k1}": "uppfyllt", f"bedomning_{k2}": "delvis",
        f"motivering_{k2}": "Planen saknar tidsatta åtgärder."})
    assert done.status_code == 200, done.text.split('id="e-received"')[1][:300]
    assert "Svaret är bedömt" in done.text
    assert "Delvis uppfyllt</strong> – Planen saknar tidsatta åtgärder." in done.text

"""The inspector's svarslänkar page: make a link, print the enclosure, revoke; and the
employer's answer beside each krav on the assessment page."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from tests.api.test_svarslankar import answers, letter_case, path_of, post_form
from tests.web.pages import csrf_of, login
from tests.web.pages import post_form as post_page


async def test_make_print_and_revoke_a_link_on_the_page(client: Any, tokens: dict[str, str],
                                                        campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    await login(client, "insp")
    case_page = await client.get(f"/arenden/{w.case_id}")
    assert f'href="/arenden/{w.case_id}/svarslankar"' in case_page.text
    url = f"/arenden/{w.case_id}/svarslankar"
    r = await post_page(client, url, {"document_id": str(w.documents[0]["id"]),
                                      "recipient": "arbetsgivare"})
    assert r.status_code == 200 and "visas bara nu" in r.text
    token = re.search(r'name="token" value="([^"]+)"', r.text)
    code = re.search(r'name="code" value="([^"]+)"', r.text)
    link_id = re.search(r'/svarslankar/(\d+)/bilaga', r.text)
    assert token and code and link_id
    enclosure = f"{url}/{link_id.group(1)}/bilaga"
    r = await client.post(enclosure, data={"_csrf": csrf_of(r.text), "token": token.group(1),
                                           "code": code.group(1), "format": "docx"})
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        body = z.read("word/document.xml").decode()
    assert token.group(1) in body and code.group(1) in body and "Svara på webben" in body
    r = await post_page(client, enclosure, {"token": token.group(1), "code": code.group(1),
                                            "format": "pdf"}, page=url)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    r = await post_page(client, enclosure, {"token": "A" * 43, "code": code.group(1)}, page=url)
    assert r.status_code == 400 and "Bilagan kan bara skrivas ut" in r.text
    listing = await client.get(url)
    assert token.group(1) not in listing.text and code.group(1) not in listing.text
    assert "Gäller till och med" in listing.text
    r = await post_page(client, f"{url}/{link_id.group(1)}/aterkalla", {}, page=url)
    assert r.status_code in (200, 303)
    assert "Återkallad" in (await client.get(url)).text
    trail = [e["action"] for e in (await client.get(
        f"/api/cases/{w.case_id}/audit", headers={"Authorization": f"Bearer {tokens['insp']}"}
    )).json()]
    assert trail.count("svarslank.skapad") == 1 and trail.count("svarslank.aterkallad") == 1


async def test_the_answer_beside_each_krav_when_assessing(client: Any, tokens: dict[str, str],
                                                          campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    r = await client.post(f"/api/cases/{w.case_id}/svarslankar", json={
        "document_id": w.documents[0]["id"], "recipient": "arbetsgivare"},
        headers={"Authorization": f"Bearer {tokens['insp']}"})
    path = path_of(r.json())
    assert (await post_form(client, path, answers(w))).status_code == 303
    a = w.krav_ids[0]
    assert (await post_form(client, path, {f"atgard_{a}": "Planen är nu antagen <b>x</b>.",
                                           "handling": "skicka"})).status_code == 303
    client.cookies.clear()
    await login(client, "insp")
    page = await client.get(f"/arenden/{w.case_id}/steg/svar")
    assert page.status_code == 200
    assert page.text.count('class="employer-answer"') == 2
    # The komplettering replaces the first answer for krav 1 only; text stays text.
    assert "Planen är nu antagen &lt;b&gt;x&lt;/b&gt;." in page.text
    assert "Säkerhetsrutin för hembesök uppdaterad." in page.text
    assert "Anna Berg, socialchef" not in page.text.split("Planen är nu antagen")[0][-400:]

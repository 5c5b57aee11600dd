"""The worst inputs on the answer channel's new fields: huge ids, NUL and Word's line break,
a megabyte of text, the last date of the calendar and markup; never a 500, nothing stored
half, and markup shown to the inspector as text."""

from __future__ import annotations

import re
from typing import Any

from tests.api.test_svarslankar import (
    answers,
    handlingar,
    letter_case,
    make_link,
    path_of,
    post_form,
)
from tests.support import bearer
from tests.web.pages import login

SCRIPT = "</title><script>alert(1)</script>"


async def test_link_api_refuses_huge_ids_and_bad_text(client: Any, tokens: dict[str, str],
                                                      campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    url = f"/api/cases/{w.case_id}/svarslankar"
    auth = bearer(tokens["inspektor"])
    for body in ({"document_id": 2**63, "recipient": "arbetsgivare"},
                 {"document_id": w.documents[0]["id"], "recipient": "arbets\x00givare"},
                 {"document_id": w.documents[0]["id"], "recipient": "x" * 1_000_000}):
        r = await client.post(url, json=body, headers=auth)
        assert r.status_code == 400, (str(body)[:80], r.status_code)
        assert r.json().get("detail")
    for path in (f"/api/cases/{2**63}/svarslankar", f"{url}/{2**63}"):
        r = await (client.delete(path, headers=auth) if path.startswith(url)
                   else client.get(path, headers=auth))
        assert r.status_code in (400, 404), (path, r.status_code)
    assert (await client.get(url, headers=auth)).json() == []


async def test_form_takes_the_worst_text_and_dates_without_a_500(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await letter_case(client, tokens, campaign_id)
    path = path_of(await make_link(client, tokens, w))
    a, _ = w.krav_ids
    cases = [({f"atgard_{a}": "rad ett\x0brad två"}, 303, ""),  # Word's line break: a new line
             ({f"atgard_{a}": "x" * 1_000_000}, 400, "högst 6000 tecken"),
             ({f"senast_{a}": "9999-12-31"}, 400, "mellan 2000 och 2100"),
             ({"kontakt": "A\x00B"}, 400, "tecken som inte får användas")]
    for extra, status, words in cases:
        r = await post_form(client, path, answers(w, **extra))
        assert r.status_code == status, (list(extra), r.status_code)
        assert words in " ".join(re.findall(r"Fel: </span>([^<]+)", r.text)), words
    assert len(await handlingar(client, tokens, w.case_id)) == 1  # the refused ones left nothing
    # Markup is kept as the employer wrote it and shown to the inspector as text.
    r = await post_form(client, path, answers(w, **{f"atgard_{a}": SCRIPT, "kontakt": SCRIPT}))
    assert r.status_code in (200, 303), r.status_code
    assert len(await handlingar(client, tokens, w.case_id)) == 2  # a komplettering
    page = await client.get(f"/api/cases/{w.case_id}", headers=bearer(tokens["inspektor"]))
    assert page.status_code == 200
    await login(client, "insp")
    shown = await client.get(f"/arenden/{w.case_id}/steg/svar")
    assert shown.status_code == 200
    assert "<script>alert(1)</script>" not in shown.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.text

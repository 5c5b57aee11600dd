"""The pages of issue 13: the employer's registered name asked for, the rule in force chosen,
unverified citations flagged on the issue form."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from inspektion import clock
from inspektion.db.tables import RegulationParagraph
from tests.support import MALMO, Walker
from tests.web.pages import login, post_form


def _case_id(url: Any) -> int:
    found = re.search(r"/arenden/(\d+)", str(url))
    assert found, url
    return int(found.group(1))


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


async def test_the_open_form_asks_for_a_missing_registered_name(client: Any,
                                                                campaign_id: int) -> None:
    await login(client, "insp_nord")
    form = await client.get("/arenden/nytt")
    assert "Vindeln" in _text(form.text) and "saknas det registrerade namnet" in form.text
    data = {"campaign_id": str(campaign_id), "kommunkod": "2404", "arbetsstalle": "Socialkontoret",
            "namnd": "Socialnämnden", "method": "fokusinspektion"}
    asked = await post_form(client, "/arenden/nytt", data)
    assert asked.status_code == 400
    assert 'id="e-employer"' in asked.text and "registrerade namnet för Vindeln" in asked.text
    made = await post_form(client, "/arenden/nytt", {**data, "employer": "Vindelns kommun"})
    assert made.status_code == 200 and "Ärendet är öppnat" in made.text
    assert "Vindelns kommun, org.nr 212000-2544" in made.text


async def test_the_employer_is_corrected_on_the_case_page(client: Any, campaign_id: int) -> None:
    await login(client, "insp")
    made = await post_form(client, "/arenden/nytt", {
        "campaign_id": str(campaign_id), "kommunkod": MALMO, "arbetsstalle": "Socialkontoret",
        "method": "fokusinspektion"})
    case_id = _case_id(made.url)
    assert "Malmö kommun, org.nr 212000-1124" in made.text
    version = re.search(r'name="version" value="(\d+)"', made.text)
    assert version
    bad = await post_form(client, f"/arenden/{case_id}/arbetsgivare", {
        "version": version.group(1), "employer": "Omsorg AB", "org_nr": "556016-0681",
        "namnd": "Socialnämnden"}, page=f"/arenden/{case_id}")
    assert bad.status_code == 400 and "kontrollsiffra" in bad.text
    good = await post_form(client, f"/arenden/{case_id}/arbetsgivare", {
        "version": version.group(1), "employer": "Omsorg AB", "org_nr": "556016-0680",
        "namnd": "Styrelsen"}, page=f"/arenden/{case_id}")
    assert good.status_code == 200 and "Arbetsgivaren är sparad." in good.text
    assert "Omsorg AB, org.nr 556016-0680" in good.text and "Styrelsen" in good.text


async def test_a_repealed_rule_is_replaced_before_the_letter_and_unverified_ones_flagged(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    clock.set_today(date(2024, 11, 4))
    await w.open()
    await w.to_pagaende()
    out = await w.post("krav", {"text": "Rutiner för värdetransporter.",
                                "citations": ["AFS 1993:2 9 §"]})
    clock.set_today(date(2025, 2, 3))
    await login(client, "insp")
    step = f"/arenden/{w.case_id}/steg/inspektionsmeddelande"
    refused = await post_form(client, step, {"version": str(w.version),
                                             "svar_senast": "2025-03-03"})
    assert refused.status_code == 409
    assert "krav 1 hänvisar till AFS 1993:2, 9 §" in _text(refused.text)
    case_page = await client.get(f"/arenden/{w.case_id}")
    # Not yet sent: the krav is corrected like any unsent krav ("Ändra"); the rule can also be
    # chosen on its own page, which is the way once the krav has gone out in a letter.
    assert f"/arenden/{w.case_id}/krav/{out['id']}/andra" in case_page.text
    link = f"/arenden/{w.case_id}/krav/{out['id']}/hanvisningar"
    chosen = await post_form(client, link, {"version": str(w.version),
                                            "citations": ["AFS 2023:1 13 §"]})
    assert chosen.status_code == 200 and "Kravets hänvisningar är ändrade." in chosen.text
    where = ((RegulationParagraph.regulation_id == "AFS 2023:1")
             & (RegulationParagraph.number == "13 §"))
    await RegulationParagraph.update({RegulationParagraph.verified: False}).where(where)
    try:
        form = await client.get(step)
        said = _text(form.text)
        assert "inte är verifierade mot källtexten" in said and "Krav 1: AFS 2023:1, 13 §" in said
    finally:
        await RegulationParagraph.update({RegulationParagraph.verified: True}).where(where)
    version = re.search(r'name="version" value="(\d+)"', form.text)
    assert version
    sent = await post_form(client, step, {"version": version.group(1),
                                          "svar_senast": "2025-03-03"})
    assert sent.status_code == 200, _text(sent.text)[:500]
    # Sent: no longer corrected as a draft, but the rule in force can still be chosen.
    after = await client.get(f"/arenden/{w.case_id}")
    assert link in after.text and f"/krav/{out['id']}/andra" not in after.text

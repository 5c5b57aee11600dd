"""Walking a case through the pages: the same services as the API, errors shown at the field."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from inspektion import clock
from inspektion.db.tables import GruppsamtalSummary, Krav, RegulationParagraph
from tests.support import LUND, MALMO, Walker, group, move_days
from tests.web.pages import csrf_of, login, post_form, token_for


def _case_id(url: Any) -> int:
    found = re.search(r"/arenden/(\d+)", str(url))
    assert found, url
    return int(found.group(1))


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found
    return found.group(1)


async def _step(client: Any, case_id: int, step: str, data: dict[str, Any]) -> Any:
    page = await client.get(f"/arenden/{case_id}/steg/{step}")
    assert page.status_code == 200, page.text[-500:]
    return await post_form(client, f"/arenden/{case_id}/steg/{step}",
                           {"version": _version(page.text), **data},
                           page=f"/arenden/{case_id}/steg/{step}")


async def _gruppsamtal(client: Any, case_id: int, version: int, key: str, n: int) -> Any:
    token = await token_for(client, f"/arenden/{case_id}/gruppsamtal")
    return await client.post(f"/arenden/{case_id}/gruppsamtal", json={
        "date": clock.today().isoformat(), "arbetsomrade": "Barn och unga",
        "responses": group(n), "client_key": key, "version": version},
        headers={"X-CSRF-Token": token})


async def test_inspector_walks_a_case_to_the_inspektionsmeddelande(client: Any,
                                                                   campaign_id: int) -> None:
    await login(client, "insp")
    r = await post_form(client, "/arenden/nytt", {
        "campaign_id": str(campaign_id), "kommunkod": MALMO, "arbetsstalle": "Socialkontor Öst",
        "method": "fokusinspektion", "inspektor2": "insp_b"})
    assert r.status_code == 200 and "Ärendet är öppnat" in r.text
    case_id = _case_id(r.url)
    r = await _step(client, case_id, "formote", {
        "date": clock.today().isoformat(), "roll_0": "Socialchef", "namn_0": "Eva Ström",
        "roll_1": "Huvudskyddsombud", "notes": "Kontaktperson: HR"})
    assert "Förmötet är registrerat." in r.text and "Eva Ström" in r.text
    out = await _gruppsamtal(client, case_id, 2, "tablet-key-0001", 5)
    assert out.status_code == 201, out.text
    assert out.json()["respondents"] == 5 and "Sammanställning" in out.json()["summary_html"]
    r = await _step(client, case_id, "aterkoppling", {
        "date": clock.today().isoformat(), "roll_0": "Närmaste chef"})
    assert "Återkopplingen är registrerad." in r.text
    form = await client.get(f"/arenden/{case_id}/steg/krav?mall=arbetsbelastning-riskbedomning")
    assert "fördjupad undersökning" in form.text and "checked" in form.text
    r = await _step(client, case_id, "krav", {
        "template_id": "arbetsbelastning-riskbedomning",
        "text": "Arbetsgivaren ska undersöka arbetsbelastningen i varje arbetsgrupp.",
        "citations": ["AFS 2023:2 2 kap. 6 §"], "effektmal": "1"})
    assert "Kravet är sparat." in r.text
    due = (clock.today() + timedelta(days=30)).isoformat()
    page = await client.get(f"/arenden/{case_id}/steg/inspektionsmeddelande")
    preview = await client.post(f"/arenden/{case_id}/utkast/inspektionsmeddelande", data={
        "_csrf": csrf_of(page.text), "svar_senast": due})
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")
    r = await _step(client, case_id, "inspektionsmeddelande", {"svar_senast": due})
    assert "Inspektionsmeddelandet är skickat och registrerat." in r.text
    assert "Inspektionsmeddelande skickat" in r.text
    link = re.search(r'href="(/api/documents/\d+/pdf)"', r.text)
    assert link, "the letter is linked from the case page"
    pdf = await client.get(link.group(1))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    mine = await client.get("/arenden")
    assert "Socialkontor Öst" in mine.text and "Registrera arbetsgivarens svar" in mine.text


async def test_bad_input_is_shown_at_its_field_with_the_values_kept(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await login(client, "insp")
    future = (clock.today() + timedelta(days=3)).isoformat()
    r = await _step(client, w.case_id, "formote", {
        "date": future, "roll_0": "Socialchef", "namn_0": "Eva Ström",
        "notes": "Viktig anteckning"})
    assert r.status_code == 400
    assert 'id="e-date"' in r.text and "ligger i framtiden" in r.text
    assert 'aria-describedby="e-date"' in r.text and 'aria-invalid="true"' in r.text
    assert f'value="{future}"' in r.text and "Viktig anteckning" in r.text
    assert 'value="Eva Ström"' in r.text and 'href="#f-date"' in r.text


async def test_stale_version_is_refused_without_losing_the_form(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await login(client, "insp")
    r = await post_form(client, f"/arenden/{w.case_id}/steg/formote", {
        "version": "0", "date": clock.today().isoformat(), "notes": "Sparas inte"},
        page=f"/arenden/{w.case_id}/steg/formote")
    assert r.status_code == 409
    assert "Någon annan hann spara först" in r.text and "Sparas inte" in r.text
    # The form now carries the case's current version, so saving again succeeds.
    assert 'name="version" value="1"' in r.text


async def test_case_page_explains_refused_steps(client: Any, tokens: dict[str, str],
                                               campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await login(client, "insp")
    r = await client.get(f"/arenden/{w.case_id}")
    assert "Registrera förmöte" in r.text
    refused = r.text[r.text.index("Steg som inte går att ta nu"):]
    assert "Skicka inspektionsmeddelande" in refused
    assert "Ärendet har status &#34;Planering&#34; och då går det inte att" in refused
    assert "Registrera delgivning" not in r.text and "Skicka underrättelse" not in r.text


async def test_steps_offered_as_the_lifecycle_allows(client: Any, tokens: dict[str, str],
                                                     campaign_id: int) -> None:
    """After the förmöte it is not offered again; the jurist's steps are the jurist's."""
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_pagaende()
    await login(client, "insp")
    page = await client.get(f"/arenden/{w.case_id}")
    offered = page.text[:page.text.index("Steg som inte går att ta nu")]
    assert "Registrera förmöte" not in offered and "Registrera gruppsamtal" in offered
    assert "Förmötet är redan registrerat" in page.text
    again = await w.post("formote", {"date": "2026-11-23"}, expect=409)
    assert "Förmötet är redan registrerat" in again["detail"]
    await w.add_krav(1)
    await w.post("inspektionsmeddelande", {"svar_senast": "2026-12-30"})
    page = await client.get(f"/arenden/{w.case_id}")
    assert "Skicka underrättelse" not in page.text and "Registrera delgivning" not in page.text


async def test_krav_form_offers_only_citable_paragraphs_and_marks_unverified(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.post("formote", {"date": clock.today().isoformat(), "participants": []})
    await login(client, "insp")
    r = await client.get(f"/arenden/{w.case_id}/steg/krav")
    assert "AFS 2023:2" in r.text
    assert 'value="AFS 2015:4 9 §"' not in r.text  # not in force in 2026
    assert "ej verifierad" in r.text
    bad = await _step(client, w.case_id, "krav", {"text": "Ett krav", "citations": []})
    assert bad.status_code == 400 and 'id="e-citations"' in bad.text
    assert "Ett krav" in bad.text
    assert await Krav.count().where(Krav.case == w.case_id) == 0


async def test_template_citing_a_repealed_paragraph_neither_offers_nor_checks_it(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.post("formote", {"date": clock.today().isoformat(), "participants": []})
    that = ((RegulationParagraph.regulation_id == "AFS 2023:1")
            & (RegulationParagraph.number == "13 §"))
    await RegulationParagraph.update({RegulationParagraph.repealed: True}).where(that)
    try:  # the catalogue is shared by the whole session: put the paragraph back afterwards
        await login(client, "insp")
        r = await client.get(f"/arenden/{w.case_id}/steg/krav?mall=hot-vald-riskbedomning")
        assert r.status_code == 200
        assert 'value="AFS 2023:1 13 §"' not in r.text
        assert 'value="AFS 2023:1 11 §" checked' in r.text
        assert "Hänvisning som inte längre gäller" in r.text
        assert "AFS 2023:1 13 §, som är" in r.text
        bad = await _step(client, w.case_id, "krav", {"text": "Ett krav",
                                                      "citations": ["AFS 2023:1 13 §"]})
        assert bad.status_code == 400 and 'id="e-citations"' in bad.text
        assert await Krav.count().where(Krav.case == w.case_id) == 0
    finally:
        await RegulationParagraph.update({RegulationParagraph.repealed: False}).where(that)


async def test_gruppsamtal_sent_twice_is_stored_once(client: Any, tokens: dict[str, str],
                                                    campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(LUND)
    await w.post("formote", {"date": clock.today().isoformat(), "participants": []})
    await login(client, "insp")
    first = await _gruppsamtal(client, w.case_id, w.version, "same-key-12345", 6)
    again = await _gruppsamtal(client, w.case_id, w.version, "same-key-12345", 6)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["repeated"] is True
    assert await GruppsamtalSummary.count().where(GruppsamtalSummary.case == w.case_id) == 1


async def test_small_group_gets_the_reason_instead_of_a_summary(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(LUND)
    await w.post("formote", {"date": clock.today().isoformat(), "participants": []})
    await login(client, "insp")
    out = await _gruppsamtal(client, w.case_id, w.version, "small-group-01", 2)
    assert out.status_code == 201
    html = out.json()["summary_html"]
    assert "Ingen sammanställning" in html and "2 svarande" in html and "<table" not in html
    bad = await _gruppsamtal(client, w.case_id, w.version + 1, "x", 5)
    assert bad.status_code == 400 and bad.json()["field"] == "client_key"


async def _answered_with_krav_1_unmet(client: Any, tokens: dict[str, str],
                                      campaign_id: int) -> Walker:
    """A Malmö case whose employer answered: krav 1 not met, krav 2 met."""
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_meddelande(n_krav=2, days=30)
    move_days(35)
    await w.post("svar", {"received": clock.today().isoformat(), "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "ej_uppfyllt",
         "motivering": "Åtgärden är inte vidtagen."},
        {"krav_id": w.krav_ids[1], "outcome": "uppfyllt"}]})
    return w


async def test_jurist_decides_forelaggande_med_vite(client: Any, tokens: dict[str, str],
                                                    campaign_id: int) -> None:
    w = await _answered_with_krav_1_unmet(client, tokens, campaign_id)
    await w.post("underrattelse", {"krav_ids": [w.krav_ids[0]], "vite_sek": 50000,
                                   "svar_senast": (clock.today() + timedelta(days=14)).isoformat(),
                                   "deadline": (clock.today() + timedelta(days=75)).isoformat()},
                 role="jurist")
    move_days(20)
    await login(client, "jur")
    desk = await client.get("/juridik")
    assert desk.status_code == 200 and "Eskaleringskön" in desk.text
    assert f"/arenden/{w.case_id}/steg/forelaggande" in desk.text
    deadline = (clock.today() + timedelta(days=60)).isoformat()
    bad = await _step(client, w.case_id, "forelaggande", {
        "krav_ids": [str(w.krav_ids[0])], "deadline": deadline, "vite_sek": "femtio"})
    assert bad.status_code == 400 and 'id="e-vite_sek"' in bad.text
    assert 'value="femtio"' in bad.text and f'value="{deadline}"' in bad.text
    higher = await _step(client, w.case_id, "forelaggande", {
        "krav_ids": [str(w.krav_ids[0])], "deadline": deadline, "vite_sek": "60 000"})
    assert higher.status_code == 409 and "ny underrättelse" in higher.text
    assert f"/arenden/{w.case_id}/steg/underrattelse" in higher.text  # the page offers it
    first = await _step(client, w.case_id, "forelaggande", {
        "krav_ids": [str(w.krav_ids[0])], "deadline": deadline, "vite_sek": "50 000"})
    assert "Det här skickas" in first.text and "Bekräfta och skicka" in first.text
    assert "Föreläggande med vite" in first.text and "gemensamt vite om 50\u00a0000\u00a0kr" \
        in first.text
    assert "Föreläggandet är beslutat" not in first.text  # nothing sent before confirming
    r = await _step(client, w.case_id, "forelaggande", {
        "krav_ids": [str(w.krav_ids[0])], "deadline": deadline, "vite_sek": "50 000",
        "bekraftad": "ja"})
    assert "Föreläggandet är beslutat" in r.text and "50\u00a0000\u00a0kr" in r.text
    doc = re.findall(r'/api/documents/(\d+)/pdf', r.text)[-1]
    row = re.compile(r'<tr>(?:(?!</tr>).)*/api/documents/' + doc + r'/pdf(?:(?!</tr>).)*</tr>',
                     re.S)
    desk = await client.get("/juridik")
    found = row.search(desk.text)
    assert found and "Föreläggande" in found.group(0) and "Inte delgiven" in found.group(0)
    assert "50 000 kr" in found.group(0)
    r = await _step(client, w.case_id, "delgivning", {
        "document_id": doc, "date": clock.today().isoformat(), "method": "vanlig"})
    assert "Delgivningen är registrerad." in r.text and "Delgiven" in r.text
    desk = await client.get("/juridik")
    found = row.search(desk.text)
    assert found and f"Delgiven {clock.today().isoformat()}" in found.group(0)


async def test_coordinator_sees_figures_assigns_and_downloads_csv(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await login(client, "samord")
    r = await client.get(f"/region?campaign_id={campaign_id}")
    assert r.status_code == 200
    assert "kommuner nådda mot regionens mål" in r.text and "Ärenden per inspektör" in r.text
    assert f'src="/api/maps/coverage?campaign_id={campaign_id}"' in r.text
    assert 'title="Täckningskarta för' in r.text
    r = await _step(client, w.case_id, "assign", {"inspektor1": "insp", "inspektor2": "insp_b"})
    assert "Inspektörerna är tilldelade." in r.text
    same = await _step(client, w.case_id, "assign", {"inspektor1": "insp", "inspektor2": "insp"})
    assert same.status_code == 400 and "två olika" in same.text
    csv = await client.get(f"/region/siffror.csv?campaign_id={campaign_id}")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    assert "Ärenden per status;IRS-Syd;Planering;1" in csv.text


async def test_every_step_of_the_lifecycle_has_a_form(client: Any, tokens: dict[str, str],
                                                     campaign_id: int) -> None:
    """Each step renders for its role, labelled, with the CSRF token and the case version."""
    from inspektion.domain.lifecycle import Step
    from inspektion.web.steps import STEP_FORMS

    assert {s.value for s in Step} == set(STEP_FORMS)
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    by_role = {"jur": {"underrattelse", "forelaggande", "utdomande"}, "samord": {"assign"}}
    for username in ("insp", "jur", "samord"):
        await login(client, username)
        mine = by_role.get(username) or set(STEP_FORMS) - set().union(*by_role.values())
        for step in sorted(mine):
            href = STEP_FORMS[step].href(w.case_id)
            r = await client.get(href)
            assert r.status_code == 200, (username, step, r.text[-600:])
            assert csrf_of(r.text) and "<h1" in r.text, (username, step)
            if step == "delgivning":  # nothing sent yet, so nothing to serve
                assert "inget skickat brev i ärendet som väntar på delgivning" in r.text
            elif STEP_FORMS[step].submit is not None:
                assert 'name="version"' in r.text and 'name="_csrf"' in r.text, step
        await client.post("/logga-ut", data={"_csrf": csrf_of((await client.get("/")).text)})


async def test_inspector_proposes_and_the_jurist_reads_it(client: Any, tokens: dict[str, str],
                                                         campaign_id: int) -> None:
    w = await _answered_with_krav_1_unmet(client, tokens, campaign_id)
    await login(client, "insp")
    empty = await _step(client, w.case_id, "forslag", {"text": ""})
    assert empty.status_code == 400 and 'id="e-text"' in empty.text
    words = "Krav 1 är inte uppfyllt; jag föreslår en underrättelse med vite på 40 000 kr."
    r = await _step(client, w.case_id, "forslag", {"text": words})
    assert "Förslaget är sparat" in r.text and words in r.text
    client.cookies.clear()
    await login(client, "jur")
    desk = await client.get("/juridik")
    assert "Inspektören föreslår:" in desk.text and words in desk.text


async def test_underrattelse_and_ansokan_are_previewed_then_confirmed(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    """Issue 12, item 8: the first submit shows what will be sent and sends nothing."""
    w = await _answered_with_krav_1_unmet(client, tokens, campaign_id)
    await login(client, "jur")
    today = clock.today()
    announce = {"krav_ids": [str(w.krav_ids[0])], "vite_sek": "50 000",
                "svar_senast": (today + timedelta(days=20)).isoformat(),
                "deadline": (today + timedelta(days=80)).isoformat()}
    first = await _step(client, w.case_id, "underrattelse", announce)
    assert "Det här skickas" in first.text and "Bekräfta och skicka" in first.text
    assert "Underrättelsen är skickad" not in first.text
    assert (await w.detail("jurist"))["status"] == "uppfoljning"  # nothing sent yet
    sent = await _step(client, w.case_id, "underrattelse", {**announce, "bekraftad": "ja"})
    assert "Underrättelsen är skickad" in sent.text
    after = await w.detail("jurist")
    assert after["status"] == "underrattelse_skickad"
    w.version = after["version"]
    move_days(25)  # after the comment time (moved to a working day)
    fore = await w.post("forelaggande", {"krav_ids": [w.krav_ids[0]], "vite_sek": 50_000,
                                         "deadline": announce["deadline"]}, role="jurist")
    await w.post("delgivning", {"document_id": fore["document"]["id"],
                                "date": clock.today().isoformat(), "method": "vanlig"},
                 role="jurist")
    move_days(62)  # past the deadline
    await w.post("uppfoljning", {"date": clock.today().isoformat(),
                                 "participants": [{"role": "Enhetschef"}], "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "ej_uppfyllt",
         "motivering": "Ingen riskbedömning vid besöket."}]})
    apply = {"krav_ids": [str(w.krav_ids[0])], "amount_sek": "50 000",
             "motivering": "Åtgärden var inte vidtagen vid uppföljningen."}
    preview = await _step(client, w.case_id, "utdomande", apply)
    assert "Det här skickas" in preview.text and "Bekräfta och skicka" in preview.text
    assert "skickas till förvaltningsrätten" in preview.text
    assert (await w.detail("jurist"))["status"] == "forelaggande_beslutat"
    done = await _step(client, w.case_id, "utdomande", {**apply, "bekraftad": "ja"})
    assert "Ansökan om utdömande av vite är skickad" in done.text
    assert (await w.detail("jurist"))["status"] == "utdomande_ansokt"

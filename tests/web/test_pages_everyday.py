"""Issue 15 on the pages: search, corrections before sending, conflicts that resolve, forms
that report every error at once in Swedish."""

from __future__ import annotations

import html as htmllib
import re
from typing import Any

from tests.support import LUND, MALMO, UMEA, Walker, bearer
from tests.web.pages import login, post_form


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found
    return found.group(1)


async def test_search_field_finds_by_diarienummer_and_kommun_within_the_region(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    lund = Walker(client, tokens, campaign_id)
    opened = await lund.open(LUND)
    malmo = Walker(client, tokens, campaign_id)
    await malmo.open(MALMO)
    north = Walker(client, tokens, campaign_id)
    far = await north.open(UMEA, role="insp_nord")
    await login(client, "insp")
    page = await client.get("/arenden")
    assert 'role="search"' in page.text and 'action="/sok"' in page.text
    r = await client.get("/sok", params={"q": opened["diarienummer"]})
    assert str(r.url).endswith(f"/arenden/{lund.case_id}")  # straight to the case
    r = await client.get("/sok", params={"q": "Malmö"})
    assert f'/arenden/{malmo.case_id}"' in r.text and f'/arenden/{lund.case_id}"' not in r.text
    r = await client.get("/sok", params={"q": far["diarienummer"]})
    assert r.status_code == 200 and f"/arenden/{north.case_id}" not in r.text
    assert "Inga ärenden matchar" in r.text
    r = await client.get("/sok", params={"q": "umeå"})
    assert f"/arenden/{north.case_id}" not in r.text


async def test_lists_filter_sort_and_page(client: Any, tokens: dict[str, str],
                                          campaign_id: int) -> None:
    ids = []
    for _ in range(27):
        w = Walker(client, tokens, campaign_id)
        await w.open(MALMO)
        ids.append(w.case_id)
    await login(client, "insp")
    first = await client.get("/arenden", params={"kommunkod": MALMO, "sort": "aldst"})
    assert first.status_code == 200
    assert f'/arenden/{ids[0]}"' in first.text and f'/arenden/{ids[26]}"' not in first.text
    nxt = re.search(r'href="(/arenden\?[^"]*sida=[^"]*)"', first.text)
    assert nxt, "no link to the next page"
    second = await client.get(nxt.group(1).replace("&amp;", "&"))
    assert f'/arenden/{ids[26]}"' in second.text and f'/arenden/{ids[0]}"' not in second.text
    client.cookies.clear()
    await login(client, "samord")
    region = await client.get("/region", params={"q": "malmö"})
    assert region.status_code == 200 and "Nästa sida" in region.text
    client.cookies.clear()
    await login(client, "jur")
    desk = await client.get("/juridik", params={"status": "planerad", "sort": "aldst"})
    assert desk.status_code == 200 and f'/arenden/{ids[0]}"' in desk.text


async def test_krav_is_edited_and_withdrawn_on_the_pages_until_the_letter(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_pagaende()
    await w.add_krav(2)
    await login(client, "insp")
    case = await client.get(f"/arenden/{w.case_id}")
    edit = f"/arenden/{w.case_id}/krav/{w.krav_ids[0]}/andra"
    assert edit in case.text
    form = await client.get(edit)
    r = await post_form(client, edit, {"version": _version(form.text),
                                       "text": "Rättad kravtext utan stavfel.",
                                       "citations": ["AFS 2023:1 11 §"], "effektmal": "3"},
                        page=edit)
    assert r.status_code == 200 and "Kravet är ändrat." in r.text
    assert "Rättad kravtext utan stavfel." in r.text
    out = f"/arenden/{w.case_id}/krav/{w.krav_ids[0]}/dra-tillbaka"
    confirm = await client.get(out)
    r = await post_form(client, out, {"version": _version(confirm.text)}, page=out)
    assert "Kravet är tillbakadraget" in r.text and "Rättad kravtext" not in r.text
    detail = (await client.get(f"/api/cases/{w.case_id}",
                               headers=bearer(tokens["insp"]))).json()
    assert [k["number"] for k in detail["krav"]] == [1]
    w.version = detail["version"]
    old_tab = await client.get(f"/arenden/{w.case_id}/krav/{w.krav_ids[1]}/andra")
    await w.post("inspektionsmeddelande", {"svar_senast": "2027-01-15"})
    case = await client.get(f"/arenden/{w.case_id}")
    assert f"/krav/{w.krav_ids[1]}/andra" not in case.text
    late = f"/arenden/{w.case_id}/krav/{w.krav_ids[1]}/andra"
    # A bookmark: the page says why at once and offers no form that can only fail.
    form = await client.get(late)
    assert form.status_code == 200 and "Kravet kan inte ändras längre." in form.text
    assert "en rättelse görs i ett nytt brev" in form.text
    assert "Spara ändringen" not in form.text and 'name="version"' not in form.text
    gone = await client.get(f"/arenden/{w.case_id}/krav/{w.krav_ids[1]}/dra-tillbaka")
    assert "Det går inte att dra tillbaka längre." in gone.text
    assert 'name="version"' not in gone.text
    # A tab opened before the letter: saving is refused with the reason (not offered again
    # on the new version, where it could only fail), the text kept.
    r = await post_form(client, late, {"version": _version(old_tab.text), "text": "För sent",
                                       "citations": ["AFS 2023:1 11 §"]}, page=late)
    assert r.status_code == 409 and "en rättelse görs i ett nytt brev" in r.text
    assert _textarea(r.text, "text") == "För sent"
    assert "Trycker du på spara igen" not in r.text
    now = (await client.get(f"/api/cases/{w.case_id}", headers=bearer(tokens["insp"]))).json()
    r = await post_form(client, late, {"version": str(now["version"]), "text": "För sent",
                                       "citations": ["AFS 2023:1 11 §"]}, page=late)
    assert r.status_code == 409 and "en rättelse görs i ett nytt brev" in r.text


async def test_conflict_keeps_typed_text_shows_the_change_and_saves_on_the_new_version(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_pagaende()
    await w.add_krav(1)
    await login(client, "insp")
    edit = f"/arenden/{w.case_id}/krav/{w.krav_ids[0]}/andra"
    form = await client.get(edit)
    read_at = _version(form.text)
    # The colleague saves first (insp_b, over the API).
    other = await client.patch(f"/api/cases/{w.case_id}/krav/{w.krav_ids[0]}",
                               headers=bearer(tokens["insp_b"]),
                               json={"version": int(read_at), "brist": "Kollegans brist."})
    assert other.status_code == 200
    # As the browser sends it: every field, the untouched brist as the form showed it (with
    # the CR LF line breaks browsers send).
    read_brist = _textarea(form.text, "brist")
    typed = {"version": read_at, "text": "Min egen formulering som inte får försvinna.",
             "brist": read_brist.replace("\n", "\r\n"), "citations": ["AFS 2023:1 11 §"],
             "effektmal": ""}
    r = await post_form(client, edit, typed, page=edit)
    assert r.status_code == 409
    assert "Någon annan hann spara först" in r.text
    assert _textarea(r.text, "text") == "Min egen formulering som inte får försvinna."
    assert "Insp_B" in r.text and "Kollegans brist." in r.text
    assert _version(r.text) == str(other.json()["version"])
    # The brist the user never touched now shows the colleague's, so saving again keeps it.
    assert _textarea(r.text, "brist") == "Kollegans brist."
    assert "visar nu den nya lydelsen" in r.text
    resent = {**typed, "version": _version(r.text), "brist": _textarea(r.text, "brist")}
    again = await post_form(client, edit, resent, page=edit)
    assert again.status_code == 200 and "Kravet är ändrat." in again.text
    krav = (await client.get(f"/api/cases/{w.case_id}", headers=bearer(tokens["insp"]))
            ).json()["krav"][0]
    assert krav["text"] == "Min egen formulering som inte får försvinna."
    assert krav["brist"] == "Kollegans brist."


async def test_conflict_on_the_same_field_keeps_what_the_user_typed(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_pagaende()
    await w.add_krav(1)
    await login(client, "insp")
    edit = f"/arenden/{w.case_id}/krav/{w.krav_ids[0]}/andra"
    form = await client.get(edit)
    other = await client.patch(f"/api/cases/{w.case_id}/krav/{w.krav_ids[0]}",
                               headers=bearer(tokens["insp_b"]),
                               json={"version": int(_version(form.text)),
                                     "brist": "Kollegans brist."})
    assert other.status_code == 200
    r = await post_form(client, edit, {"version": _version(form.text), "text": "Min text.",
                                       "brist": "Min brist.", "citations": ["AFS 2023:1 11 §"]},
                        page=edit)
    assert r.status_code == 409
    assert _textarea(r.text, "brist") == "Min brist."  # the user's, shown beside theirs
    assert "Kollegans brist." in r.text and "visar nu den nya lydelsen" not in r.text


async def test_meeting_conflict_takes_the_other_persons_untouched_fields(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_pagaende()
    detail = (await client.get(f"/api/cases/{w.case_id}", headers=bearer(tokens["insp"]))
              ).json()
    meeting = next(m for m in detail["meetings"] if m["kind"] == "formote")
    await login(client, "insp")
    edit = f"/arenden/{w.case_id}/moten/{meeting['id']}/andra"
    form = await client.get(edit)
    other = await client.patch(f"/api/cases/{w.case_id}/meetings/{meeting['id']}",
                               headers=bearer(tokens["insp_b"]),
                               json={"version": int(_version(form.text)),
                                     "participants": [{"role": "Enhetschef", "name": "Ola Ek"}]})
    assert other.status_code == 200, other.text
    sent = {k: v for k, v in _inputs(form.text).items() if k != "_csrf"}
    sent["notes"] = "Mina anteckningar från förmötet."
    r = await post_form(client, edit, sent, page=edit)
    assert r.status_code == 409
    assert _textarea(r.text, "notes") == "Mina anteckningar från förmötet."
    assert _inputs(r.text)["roll_0"] == "Enhetschef" and _inputs(r.text)["namn_0"] == "Ola Ek"
    resent = {k: v for k, v in _inputs(r.text).items() if k != "_csrf"}
    resent["notes"] = _textarea(r.text, "notes")
    again = await post_form(client, edit, resent, page=edit)
    assert again.status_code == 200, again.text
    after = next(m for m in (await client.get(f"/api/cases/{w.case_id}",
                                              headers=bearer(tokens["insp"]))).json()["meetings"]
                 if m["id"] == meeting["id"])
    assert after["participants"] == [{"role": "Enhetschef", "name": "Ola Ek"}]
    assert after["notes"] == "Mina anteckningar från förmötet."


def _textarea(html: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert found, name
    return htmllib.unescape(found.group(1)).strip("\n")


def _inputs(html: str) -> dict[str, str]:
    """name → value of every text-like input (dates, hidden fields) on the page."""
    out = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name and "type=\"checkbox\"" not in tag and "type=\"search\"" not in tag:
            value = re.search(r'value="([^"]*)"', tag)
            out[name.group(1)] = htmllib.unescape(value.group(1)) if value else ""
    return out


async def test_empty_case_form_shows_every_error_at_its_field(client: Any) -> None:
    await login(client, "insp")
    r = await post_form(client, "/arenden/nytt", {"campaign_id": "", "kommunkod": "",
                                                  "arbetsstalle": "", "org_nr": "12"})
    assert r.status_code == 400
    for name in ("campaign_id", "kommunkod", "arbetsstalle", "method", "org_nr"):
        assert f'id="e-{name}"' in r.text, name
    assert 'aria-describedby="e-kommunkod"' in r.text
    assert "Kommunkoden" not in r.text and "''" not in r.text
    assert "5 saker att rätta" in r.text


async def test_date_errors_are_swedish_and_all_at_once(client: Any, tokens: dict[str, str],
                                                      campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await login(client, "insp")
    path = f"/arenden/{w.case_id}/steg/formote"
    form = await client.get(path)
    r = await post_form(client, path, {"version": _version(form.text), "date": ""}, page=path)
    assert r.status_code == 400 and "Ange ett datum (ÅÅÅÅ-MM-DD)." in r.text
    assert "date:" not in r.text and "är inget datum" not in r.text


async def test_failed_login_is_not_a_failed_save(client: Any) -> None:
    r = await login(client, "insp", "fel-losenord")
    assert "Inloggningen misslyckades" in r.text and "Det gick inte att spara" not in r.text


async def test_template_fills_without_losing_typed_text(client: Any, tokens: dict[str, str],
                                                        campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_pagaende()
    await login(client, "insp")
    path = f"/arenden/{w.case_id}/steg/krav"
    form = await client.get(path)
    r = await post_form(client, path, {"version": _version(form.text), "_hamta": "1",
                                       "mall": "hot-vald-riskbedomning",
                                       "text": "Mitt eget utkast."}, page=path)
    assert r.status_code == 200
    assert "Mitt eget utkast." in r.text and "Din text är kvar." in r.text
    assert 'name="citations" value="' in r.text and " checked" in r.text
    assert "hot-vald-riskbedomning</strong>" not in r.text  # the title, not the slug


async def test_open_form_lists_kommuner_in_swedish_order_and_inspectors_by_name(
        client: Any) -> None:
    await login(client, "insp")
    r = await client.get("/arenden/nytt")
    kommun_select = r.text[r.text.index('id="f-kommunkod"'):]
    kommun_select = kommun_select[:kommun_select.index("</select>")]
    names = re.findall(r'<option value="\d{4}"[^>]*>([^<(]+) \(', kommun_select)
    assert names[-1].startswith(("Ö", "Ä", "Å")) or names.index("Ystad") < names.index("Åstorp")
    assert names.index("Ystad") < names.index("Ängelholm") < names.index("Örkelljunga")
    second = r.text[r.text.index('id="f-inspektor2"'):]
    assert "<select" not in second[:5] and 'value="insp_b">Insp_B<' in second
    assert 'value="insp">' not in second[:second.index("</select>")]

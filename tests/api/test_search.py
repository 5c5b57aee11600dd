"""GET /api/cases?q=: a diarienummer exactly, otherwise words in the case's search document."""

from __future__ import annotations

from typing import Any

from tests.support import LUND, MALMO, UMEA, Walker, bearer


async def _search(client: Any, token: str, **params: Any) -> dict[str, Any]:
    r = await client.get("/api/cases", params=params, headers=bearer(token))
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


async def test_search_by_diarienummer_kommun_krav_text_and_inspector(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    malmo = Walker(client, tokens, campaign_id)
    await malmo.open(MALMO)
    await malmo.to_pagaende()
    await malmo.post("krav", {"text": "Arbetsgivaren ska ordna handledning för nyanställda.",
                              "citations": ["AFS 2023:1 11 §"]})
    lund = Walker(client, tokens, campaign_id)
    opened = await lund.open(LUND)
    t = tokens["inspektor"]
    # Diarienummer: exact, also as typed without the leading zeros.
    dnr = opened["diarienummer"]
    year, seq = dnr.split("/")
    for typed in (dnr, f"{year}/{int(seq)}"):
        found = await _search(client, t, q=typed)
        assert [c["id"] for c in found["items"]] == [lund.case_id]
    # Kommun, in any case and as a prefix.
    assert [c["id"] for c in (await _search(client, t, q="malmö"))["items"]] == [malmo.case_id]
    assert [c["id"] for c in (await _search(client, t, q="LUND"))["items"]] == [lund.case_id]
    assert [c["id"] for c in (await _search(client, t, q="malm"))["items"]] == [malmo.case_id]
    # A word of a krav's text; several words must all match.
    assert [c["id"] for c in (await _search(client, t, q="handledning"))["items"]] == [
        malmo.case_id]
    assert (await _search(client, t, q="handledning lund"))["items"] == []
    # The inspector's username (both cases are insp's).
    assert len((await _search(client, t, q="insp"))["items"]) == 2
    # Nothing that could break the query language.
    for odd in ('"', "*", "AND OR NOT", "a:* & | !", "(", "'; DROP TABLE case_file; --"):
        await _search(client, t, q=odd)


async def test_search_keeps_region_scoping(client: Any, tokens: dict[str, str],
                                           campaign_id: int) -> None:
    north = Walker(client, tokens, campaign_id)
    opened = await north.open(UMEA, role="insp_nord")
    assert (await _search(client, tokens["inspektor"], q="umeå"))["items"] == []
    assert (await _search(client, tokens["inspektor"], q=opened["diarienummer"]))["items"] == []
    assert [c["id"] for c in (await _search(client, tokens["insp_nord"], q="umeå"))[
        "items"]] == [north.case_id]
    assert [c["id"] for c in (await _search(client, tokens["jurist"], q="umeå"))[
        "items"]] == [north.case_id]


async def test_search_follows_edits_and_withdrawals_in_the_same_transaction(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_pagaende()
    await w.add_krav(1)
    h = bearer(tokens["inspektor"])
    r = await client.patch(f"/api/cases/{w.case_id}/krav/{w.krav_ids[0]}", headers=h,
                           json={"version": w.version, "text": "Ordna regnbågsmöten."})
    assert r.status_code == 200
    assert len((await _search(client, tokens["inspektor"], q="regnbågsmöten"))["items"]) == 1
    r = await client.delete(f"/api/cases/{w.case_id}/krav/{w.krav_ids[0]}",
                            headers={**h, "If-Match": str(r.json()["version"])})
    assert r.status_code == 200
    assert (await _search(client, tokens["inspektor"], q="regnbågsmöten"))["items"] == []


async def test_filters_sorting_and_keyset_paging(client: Any, tokens: dict[str, str],
                                                 campaign_id: int) -> None:
    ids = []
    for kommun in (MALMO, LUND, MALMO, LUND, MALMO):
        w = Walker(client, tokens, campaign_id)
        await w.open(kommun)
        ids.append(w.case_id)
    t = tokens["inspektor"]
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, "sort": "aldst", "kommunkod": MALMO}
        if cursor is not None:
            params["cursor"] = cursor
        page = await _search(client, t, **params)
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [ids[0], ids[2], ids[4]]
    newest = await _search(client, t, limit=50)
    assert [c["id"] for c in newest["items"]] == sorted(ids, reverse=True)
    page = await _search(client, t, limit=2, sort="svar_senast")
    second = await _search(client, t, limit=50, sort="svar_senast", cursor=page["next_cursor"])
    assert len(page["items"]) + len(second["items"]) == 5
    assert (await _search(client, t, forsenade="true"))["items"] == []
    assert (await _search(client, t, status="planerad", q="lund"))["items"][0]["kommun"] == "Lund"
    bad = await client.get("/api/cases", params={"sort": "x"}, headers=bearer(t))
    assert bad.status_code == 400 and bad.json()["field"] == "sort"
    bad = await client.get("/api/cases", params={"cursor": "x~y", "sort": "svar_senast"},
                           headers=bearer(t))
    assert bad.status_code == 400 and bad.json()["field"] == "cursor"

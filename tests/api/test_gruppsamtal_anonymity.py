"""Group conversations: a summary goes out, individual answers never do."""

from __future__ import annotations

import json
from typing import Any

from tests.support import Walker, bearer


async def _case(client: Any, tokens: dict[str, str], campaign_id: int) -> Walker:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.post("formote", {"date": "2026-11-23"})
    return w


async def test_summary_is_returned_and_stored_not_the_answers(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _case(client, tokens, campaign_id)
    responses = [{"1": v, "2": 5, "3": 4} for v in (1, 2, 2, 5, 4)]
    out = await w.post("gruppsamtal", {"date": "2026-11-23", "arbetsomrade": "Ekonomiskt bistånd",
                                       "responses": responses})
    assert out["respondents"] == 5 and out["reason"] is None
    q1 = out["summary"]["questions"][0]
    assert q1["count"] == 5 and q1["distribution"] == {"1": 1, "2": 2, "3": 0, "4": 1, "5": 1}
    assert q1["mean"] == 2.8 and q1["worst_two_share"] == 0.6
    assert out["summary"]["questions"][3]["suppressed"]  # nobody answered question 4
    for role in ("inspektor", "samordnare", "jurist"):
        case = await client.get(f"/api/cases/{w.case_id}", headers=bearer(tokens[role]))
        audit = await client.get(f"/api/cases/{w.case_id}/audit", headers=bearer(tokens[role]))
        text = case.text + audit.text
        assert "responses" not in text
        # no single answer sheet anywhere, whatever the key or the JSON spacing
        for body in (case.json(), audit.json()):
            assert not any(_holds(body, r) for r in responses)
    assert "responses" not in json.dumps(out)
    assert not any(_holds(out, r) for r in responses)


def _holds(value: Any, sheet: dict[str, int]) -> bool:
    """Whether one respondent's answers (as an object, or its values in order) are in value."""
    if isinstance(value, dict):
        if {str(k): v for k, v in value.items()} == sheet:
            return True
        return any(_holds(v, sheet) for v in value.values())
    if isinstance(value, list):
        return value == list(sheet.values()) or any(_holds(v, sheet) for v in value)
    return False


def test_the_sheet_finder_finds_a_sheet_however_it_is_written() -> None:
    sheet = {"1": 2, "2": 5, "3": 4}
    assert _holds({"audit": [{"payload": {"answers": [{"1": 2, "2": 5, "3": 4}]}}]}, sheet)
    assert _holds({"rows": [[2, 5, 4]]}, sheet)
    assert not _holds({"distribution": {"1": 1, "2": 2}, "mean": 2.8}, sheet)


async def test_group_below_minimum_gets_no_summary_only_a_reason(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _case(client, tokens, campaign_id)
    out = await w.post("gruppsamtal", {"date": "2026-11-23", "arbetsomrade": "Social jour",
                                       "responses": [{"1": 1}, {"1": 2}, {"1": 3}]})
    assert out["summary"] is None
    assert "minst 4" in out["reason"]
    case = await w.detail()
    assert case["gruppsamtal"][0]["summary"] is None
    assert case["gruppsamtal"][0]["respondents"] == 3


async def test_resending_with_the_same_client_key_creates_nothing_new(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await _case(client, tokens, campaign_id)
    body = {"date": "2026-11-23", "arbetsomrade": "Vuxna", "client_key": "surfplatta-0001",
            "responses": [{"1": 3}] * 4}
    first = await w.post("gruppsamtal", body)
    again = await client.post(f"/api/cases/{w.case_id}/gruppsamtal",
                              json={**body, "version": 1}, headers=bearer(tokens["inspektor"]))
    assert again.status_code == 201
    assert again.json()["id"] == first["id"] and again.json()["repeated"] is True
    assert len((await w.detail())["gruppsamtal"]) == 1

"""A full fokusinspektion over HTTP, from opening to closing."""

from __future__ import annotations

from typing import Any

from tests.support import Walker, bearer, move_days


async def test_fokusinspektion_opens_to_closes(client: Any, tokens: dict[str, str],
                                              campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    opened = await w.open()
    assert opened["diarienummer"].startswith("2026/")
    await w.to_meddelande(n_krav=2)
    move_days(20)
    await w.post("svar", {"received": "2026-12-10", "assessments": [
        {"krav_id": k, "outcome": "uppfyllt"} for k in w.krav_ids]})
    out = await w.post("close", {}, expect=200)
    assert out["status"] == "avslutad"
    r = await client.get(f"/api/cases/{w.case_id}/audit", headers=bearer(tokens["inspektor"]))
    actions = [e["action"] for e in r.json()]
    assert actions[0] == "case.open" and actions[-1] == "case.close"

"""A late answer is late by one rule everywhere: the list's filter, the case page, the region's
figures, the inspector's reminder and the coordinator's digest.

The answer date here is a Saturday, so the last day is the Monday after (the next working day,
`domain.reminder_rules.answer_last_day`): on that Monday no place may call the answer late, on
the Tuesday every place must. Before, the SQL filters compared the bare date and disagreed
with the reminders on every weekend and holiday. A letter sent by the tool moves a weekend
date to the working day itself, so the Saturday is written straight into the case here, as a
date from data the tool did not write (an import, an older case) would stand.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inspektion import clock
from inspektion.db import rollup
from inspektion.db.tables import Case
from inspektion.services.reminders import run_sweep
from inspektion.services.stats_rollup import fetch
from tests.support import Walker, bearer

SATURDAY, MONDAY, TUESDAY = date(2027, 1, 2), date(2027, 1, 4), date(2027, 1, 5)
NEXT_MONDAY = date(2027, 1, 11)


async def _seen_late(client: Any, tokens: dict[str, str], w: Walker) -> dict[str, bool]:
    insp, samord = bearer(tokens["insp"]), bearer(tokens["samord"])
    listed = (await client.get("/api/cases", params={"forsenade": "true"}, headers=insp)).json()
    await run_sweep()
    mine = (await client.get("/api/reminders", headers=insp)).json()
    digest = (await client.get("/api/reminders", headers=samord)).json()
    rows = await fetch(w.campaign_id, clock.today())
    return {
        "list": [c["id"] for c in listed["items"]] == [w.case_id],
        "figures": sum(int(r["n"]) for r in rows.overdue) == 1,
        "reminder": any(r["kind"] == "svar_forsenat" and r["case_id"] == w.case_id
                        for r in mine),
        "digest": any("försenat svar från arbetsgivaren: 1." in r["message"] for r in digest),
    }


async def test_an_answer_due_on_a_saturday_is_late_everywhere_on_tuesday_and_nowhere_on_monday(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=1, days=(SATURDAY - clock.today()).days)
    assert (await w.detail())["svar_senast"] == MONDAY.isoformat()  # the letter moved it
    await Case.update({Case.svar_senast: SATURDAY}).where(Case.id == w.case_id)
    await rollup.refresh([w.case_id])
    clock.set_today(MONDAY)
    assert await _seen_late(client, tokens, w) == dict.fromkeys(
        ("list", "figures", "reminder", "digest"), False)
    clock.set_today(TUESDAY)
    seen = await _seen_late(client, tokens, w)
    # the digest is written once a week (its key is the week's Monday): Monday's said 0
    assert seen == {"list": True, "figures": True, "reminder": True, "digest": False}
    clock.set_today(NEXT_MONDAY)
    assert (await _seen_late(client, tokens, w))["digest"]


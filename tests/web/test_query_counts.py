"""A list page reads the same number of queries however many rows it shows (no N+1).

Every query Piccolo sends passes the engine's run_querystring; the tests count those calls
for one page view, add rows, and count again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest

from inspektion import clock
from inspektion.db.tables import Case
from tests.support import MALMO, Walker, move_days
from tests.web.pages import login


@contextmanager
def _counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    engine_class: Any = type(Case._meta.db)  # the engine's instances take no new attributes
    sent: list[str] = []
    real = engine_class.run_querystring

    async def counted(self: Any, querystring: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(querystring))
        return await real(self, querystring, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(engine_class, "run_querystring", counted)
        yield sent


async def _queries(client: Any, path: str, monkeypatch: pytest.MonkeyPatch) -> int:
    with _counting(monkeypatch) as sent:
        r = await client.get(path)
    assert r.status_code == 200, r.text[-500:]
    return len(sent)


async def _case_in_escalation(client: Any, tokens: dict[str, str], campaign_id: int) -> Walker:
    """A case with an underrättelse sent by the jurist (krav 1 not met)."""
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_meddelande(n_krav=2, days=30)
    move_days(35)
    await w.post("svar", {"received": clock.today().isoformat(), "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "ej_uppfyllt", "motivering": "Inte vidtagen."},
        {"krav_id": w.krav_ids[1], "outcome": "uppfyllt"}]})
    await w.post("underrattelse", {
        "krav_ids": [w.krav_ids[0]], "vite_sek": 50000,
        "svar_senast": (clock.today() + timedelta(days=14)).isoformat(),
        "deadline": (clock.today() + timedelta(days=75)).isoformat()}, role="jurist")
    return w


async def test_mina_arenden_reads_as_many_queries_for_one_case_as_for_four(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = Walker(client, tokens, campaign_id)
    await first.open(MALMO)
    await login(client, "insp")
    one = await _queries(client, "/arenden", monkeypatch)
    for _ in range(2):
        await Walker(client, tokens, campaign_id).open(MALMO)
    further = Walker(client, tokens, campaign_id)
    await further.open(MALMO)
    await further.to_meddelande(n_krav=1)  # other facts: krav, meetings, a letter
    page = await client.get("/arenden")
    assert page.text.count('href="/arenden/') >= 4
    assert await _queries(client, "/arenden", monkeypatch) == one


async def test_the_decision_letters_read_as_many_queries_for_one_case_as_for_three(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    w = await _case_in_escalation(client, tokens, campaign_id)
    await login(client, "jur")
    one = await _queries(client, "/juridik", monkeypatch)
    others = [await _case_in_escalation(client, tokens, campaign_id) for _ in range(2)]
    desk = await client.get("/juridik")
    for case in (w, *others):
        assert f"/arenden/{case.case_id}/steg/delgivning" in desk.text
    assert await _queries(client, "/juridik", monkeypatch) == one

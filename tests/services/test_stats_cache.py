"""The kept figures (services/stats_cache.py) always equal the plain grouped queries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from inspektion.db.tables import Case
from inspektion.services import campaign_2015, stats_cache
from inspektion.services.stats import campaign_figures
from inspektion.services.stats_rollup import (
    CampaignRows,
    as_of,
    campaign_or_404,
    fetch,
    fetch_direct,
)
from tests.support import LUND, MALMO, Walker, move_days

PARTS = ("cases", "meetings", "krav", "documents", "decisions", "overdue")


def _norm(rows: CampaignRows) -> dict[str, list[tuple[tuple[str, Any], ...]]]:
    def value(v: Any) -> Any:
        return int(v) if isinstance(v, Decimal) else v

    return {p: sorted(tuple(sorted((k, value(v)) for k, v in r.items()))
                      for r in getattr(rows, p)) for p in PARTS}


async def _same(campaign_id: int) -> CampaignRows:
    """The kept rows equal the plain ones, now; the kept ones are returned."""
    campaign = await campaign_or_404(campaign_id)
    day = as_of(campaign)
    kept, plain = await fetch(campaign_id, day), await fetch_direct(campaign_id, day)
    assert _norm(kept) == _norm(plain)
    return kept


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[list[int] | None]:
    """Which municipalities each read of the grouped rows covered (None: all of them)."""
    seen: list[list[int] | None] = []
    read_all, read_some = stats_cache._read_all, stats_cache._read_some

    async def spy_all(campaign_id: int, day: Any, statuses: list[str],
                      together: bool = True) -> Any:
        if together:  # not the plain read inside a caller's transaction
            seen.append(None)
        return await read_all(campaign_id, day, statuses, together)

    async def spy_some(campaign_id: int, day: Any, kommuner: list[int],
                       statuses: list[str]) -> Any:
        seen.append(list(kommuner))
        return await read_some(campaign_id, day, kommuner, statuses)

    monkeypatch.setattr(stats_cache, "_read_all", spy_all)
    monkeypatch.setattr(stats_cache, "_read_some", spy_some)
    return seen


async def _kommun_id(code: str) -> int:
    from inspektion.db.tables import Kommun

    row = await Kommun.select(Kommun.id).where(Kommun.kommunkod == code).first()
    assert row is not None
    return int(row["id"])


async def test_kept_rows_follow_every_step_and_reread_only_what_changed(
        client: Any, tokens: dict[str, str], campaign_id: int,
        reads: list[list[int] | None]) -> None:
    await _same(campaign_id)
    assert reads == [None]  # the first read is of everything
    await _same(campaign_id)
    assert reads == [None]  # nothing changed: nothing read
    malmo, lund = await _kommun_id(MALMO), await _kommun_id(LUND)
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await _same(campaign_id)
    assert reads[-1] == [malmo]
    await w.to_meddelande(n_krav=3, days=30)
    await _same(campaign_id)
    assert reads[-1] == [malmo]
    other = Walker(client, tokens, campaign_id)
    await other.open(LUND)
    await other.to_pagaende()
    kept = await _same(campaign_id)
    assert reads[-1] == [lund]
    assert sum(int(r["n"]) for r in kept.krav) == 3
    move_days(40)  # Malmö's answer is now overdue: only the overdue rows are read again
    kept = await _same(campaign_id)
    assert reads[-1] == [lund] and sum(int(r["n"]) for r in kept.overdue) == 1
    await w.post("svar", {"received": "2026-12-28", "assessments": [
        {"krav_id": k, "outcome": "uppfyllt"} for k in w.krav_ids]})
    kept = await _same(campaign_id)
    assert reads[-1] == [malmo] and sum(int(r["n"]) for r in kept.overdue) == 0
    assert sum(int(r["open_krav"]) for r in kept.krav) == 0


async def test_a_change_without_an_audit_event_is_still_seen(
        db: str, reads: list[list[int] | None]) -> None:
    """A write that slips past the audit trail moves the token: everything is read again."""
    cid = int((await campaign_2015.load_campaign_2015())["campaign_id"])
    before = await campaign_figures(cid)
    assert before["national"]["krav"] == 1101
    case = await Case.select(Case.id, Case.status).where(
        (Case.campaign == cid) & (Case.status == "forelaggande_beslutat")).first()
    assert case is not None
    await Case.update({Case.status: "avslutad", Case.version: Case.version + 1}).where(
        Case.id == case["id"])
    reads.clear()
    await _same(cid)
    assert reads == [[], None]  # no audited municipality; the sums disagree, so all again
    after = await campaign_figures(cid)
    assert after["national"]["cases"] == before["national"]["cases"] == 166


async def test_a_new_campaign_and_another_database_start_empty(db: str) -> None:
    cid = int((await campaign_2015.load_campaign_2015())["campaign_id"])
    first = await _same(cid)
    stats_cache.clear()
    again = await _same(cid)
    assert _norm(first) == _norm(again)


async def test_inside_a_transaction_the_rows_are_read_plainly(
        db: str, reads: list[list[int] | None]) -> None:
    cid = int((await campaign_2015.load_campaign_2015())["campaign_id"])
    outside = await _same(cid)
    engine: Any = Case._meta.db
    async with engine.transaction():
        inside = await fetch(cid, as_of(await campaign_or_404(cid)))
    assert _norm(inside) == _norm(outside)
    assert reads == [None]  # the kept rows were neither used nor replaced inside
    assert stats_cache._CACHE  # and are still there for the next request outside

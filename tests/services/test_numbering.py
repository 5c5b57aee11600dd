"""Diarienummer: in order per year, never twice, also under concurrent requests."""

from __future__ import annotations

import asyncio

from inspektion.db.tables import Case
from inspektion.domain.access import Actor
from inspektion.domain.roles import Role
from inspektion.services import cases
from inspektion.services.numbering import next_diarienummer
from inspektion.services.transactions import write_tx
from tests.support import MALMO


async def test_fifty_concurrent_cases_get_fifty_consecutive_numbers(db: str, campaign_id: int
                                                                   ) -> None:
    user = await _inspector()
    results = await asyncio.gather(*[
        cases.open_case(user, cases.OpenCase(campaign_id, MALMO, cases.Arbetsstalle(f"Kontor {i}"),
                                             "fokusinspektion"))
        for i in range(50)])
    numbers = sorted(r.diarienummer for r in results)
    assert numbers == [f"2026/{n:06d}" for n in range(1, 51)]
    assert await Case.count() == 50


async def test_a_rolled_back_action_gives_its_number_back(db: str) -> None:
    try:
        async with write_tx():
            _, first = await next_diarienummer(2026)
            assert first == "2026/000001"
            raise RuntimeError("avbrott mitt i")
    except RuntimeError:
        pass
    async with write_tx():
        _, again = await next_diarienummer(2026)
    assert again == "2026/000001"


async def test_each_year_has_its_own_sequence(db: str) -> None:
    async with write_tx():
        await next_diarienummer(2026)
        _, other = await next_diarienummer(2027)
    assert other == "2027/000001"


async def _inspector() -> Actor:
    from inspektion.db.tables import User

    row = await User.select(User.id).where(User.username == "insp").first()
    assert row is not None
    return Actor(row["id"], "insp", Role.INSPEKTOR, "IRS-Syd")

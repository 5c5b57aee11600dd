"""Rows that break today's input rules (written before them) cannot break a letter or a sweep.

Each test writes the bad value straight into the database, as an old row would hold it,
then asks for what once failed: the reminder sweep (OverflowError at 9999-12-30) and the
case's letter and preview (lxml refusing \\x0b, \\x1f and NUL).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from inspektion import clock
from inspektion.db.tables import Case, Krav
from inspektion.domain import reminder_rules as rules
from inspektion.domain.lifecycle import CaseStatus
from inspektion.services import reminders as reminders_service
from inspektion.services.reminders import run_sweep
from tests.conftest import TEST_URL
from tests.support import Walker, bearer, move_days


def test_a_far_answer_date_does_not_overflow_the_rules() -> None:
    th = rules.Thresholds(7, 60, 14)
    far = rules.CaseFacts(1, "2026/00001", CaseStatus.MEDDELANDE_SKICKAT, date(9999, 12, 30),
                          date(2026, 11, 23))
    assert rules.case_reminders(far, date(2027, 3, 1), th) == []
    last = rules.CaseFacts(1, "2026/00001", CaseStatus.MEDDELANDE_SKICKAT, date.max,
                           date.max)
    assert rules.case_reminders(last, date.max, th)  # overdue at the end of time, no crash


async def test_the_sweep_survives_a_far_date_and_reminds_the_others(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    bad, good = Walker(client, tokens, campaign_id), Walker(client, tokens, campaign_id)
    for w in (bad, good):
        await w.open()
        await w.to_meddelande(days=10)
    await Case.update({Case.svar_senast: date(9999, 12, 30)}).where(Case.id == bad.case_id)
    move_days(61)
    result = await run_sweep()
    assert result.skipped == []
    kinds = {r["kind"] for r in await _reminders(good.case_id)}
    assert "svar_forsenat" in kinds


async def test_a_case_the_rules_cannot_judge_is_skipped_and_counted(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    bad, good = Walker(client, tokens, campaign_id), Walker(client, tokens, campaign_id)
    for w in (bad, good):
        await w.open()
        await w.to_meddelande(days=10)
    real = rules.case_reminders

    def broken_for_one(case: Any, today: date, th: Any) -> Any:
        if case.case_id == bad.case_id:
            raise OverflowError("date value out of range")
        return real(case, today, th)

    monkeypatch.setattr(rules, "case_reminders", broken_for_one)
    move_days(30)
    result = await run_sweep()
    assert result.skipped == [bad.case_id]
    assert f"ärende {bad.case_id} hoppades över" in caplog.text
    assert await _reminders(good.case_id)
    assert not [r for r in await _reminders(bad.case_id) if r["kind"] == "svar_forsenat"]
    from inspektion.scheduler.cli import summary

    assert any("Hoppade över 1 ärenden" in line for line in summary(result))
    assert reminders_service.collect is not None


async def _reminders(case_id: int) -> list[dict[str, Any]]:
    from inspektion.db.tables import Reminder

    return list(await Reminder.select(Reminder.kind).where(Reminder.case == case_id))


CONTROL = ["Första raden\x0bandra raden", "Fält\x1fskilda", "Med\x0cformfeed"]
if not TEST_URL.startswith("postgres"):  # PostgreSQL cannot store NUL at all
    CONTROL.append("Noll\x00tecken")


@pytest.mark.parametrize("text", CONTROL)
async def test_an_old_krav_with_control_characters_still_makes_a_letter(
        client: Any, tokens: dict[str, str], campaign_id: int, text: str) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    await w.add_krav(2)
    await Krav.update({Krav.text: text, Krav.brist: text}).where(Krav.id == w.krav_ids[0])
    h = bearer(tokens["inspektor"])
    svar = (clock.today() + timedelta(days=30)).isoformat()
    for fmt in ("pdf", "docx"):
        r = await client.get(f"/api/cases/{w.case_id}/preview/inspektionsmeddelande",
                             params={"format": fmt, "svar_senast": svar}, headers=h)
        assert r.status_code == 200, r.text[:300]
    await w.post("inspektionsmeddelande", {"svar_senast": svar})
    doc = w.documents[-1]
    for fmt in ("pdf", "docx"):
        r = await client.get(f"/api/documents/{doc['id']}/{fmt}", headers=h)
        assert r.status_code == 200


async def test_krav_per_case_are_capped(client: Any, tokens: dict[str, str], campaign_id: int,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPEKTION_KRAV_MAX_PER_CASE", "3")
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_pagaende()
    await w.add_krav(3)
    out = await w.post("krav", {"text": "Ett fjärde krav", "citations": ["AFS 2023:1 11 §"]},
                       expect=409)
    assert "högst" in out["detail"] or "högsta" in out["detail"]
    assert len((await w.detail())["krav"]) == 3

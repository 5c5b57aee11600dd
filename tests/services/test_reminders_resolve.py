"""Reminders go away when their cause is done; e-mail is sent once and a failure loses nothing."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from email.message import EmailMessage
from typing import Any, ClassVar

import pytest

from inspektion import clock
from inspektion.db.tables import Reminder, User
from inspektion.scheduler import jobs
from inspektion.services import reminder_mail
from inspektion.services.reminders import run_sweep
from tests.services.reminder_support import (
    all_reminders,
    open_kinds,
)
from tests.support import Walker, move_days


async def test_reminder_disappears_from_the_open_list_when_the_answer_is_registered(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=2, days=10)
    move_days(12)
    await run_sweep()
    assert await open_kinds(client, tokens["insp"]) == ["svar_forsenat"]
    await w.post("svar", {"received": clock.today().isoformat(), "assessments": [
        {"krav_id": k, "outcome": "uppfyllt"} for k in w.krav_ids]})
    assert await open_kinds(client, tokens["insp"]) == []    # at once, not at the next sweep
    result = await run_sweep()
    assert result.resolved == {}
    [row] = [r for r in await all_reminders() if r["kind"] == "svar_forsenat"]
    assert row["resolved"] == clock.today()


async def test_closing_a_case_resolves_all_of_its_reminders(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    move_days(61)
    await run_sweep()
    assert await open_kinds(client, tokens["insp"]) == ["inaktivt"]
    await w.to_pagaende()
    await w.post("close", {}, expect=200)
    await run_sweep()
    assert await open_kinds(client, tokens["insp"]) == []


async def test_reassigning_moves_the_reminder_to_the_new_inspector(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    move_days(61)
    await run_sweep()
    await w.post("assign", {"inspektor1": "insp_b"}, role="samordnare", expect=200)
    move_days(61)
    await run_sweep()
    assert await open_kinds(client, tokens["insp"]) == []
    assert await open_kinds(client, tokens["insp_b"]) == ["inaktivt"]


class _FakeSMTP:
    sent: ClassVar[list[EmailMessage]] = []
    fail = False

    def __init__(self, host: str, port: int, timeout: float) -> None:
        assert host == "127.0.0.1"

    def __enter__(self) -> _FakeSMTP:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def send_message(self, message: EmailMessage) -> None:
        if _FakeSMTP.fail:
            raise smtplib.SMTPServerDisconnected("servern svarar inte")
        _FakeSMTP.sent.append(message)


@pytest.fixture
async def mail_to_insp(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("INSPEKTION_SMTP_HOST", "127.0.0.1")
    monkeypatch.setattr(reminder_mail.smtplib, "SMTP", _FakeSMTP)
    _FakeSMTP.sent, _FakeSMTP.fail = [], False
    await User.update({User.email: "insp@example.se"}).where(User.username == "insp")
    yield _FakeSMTP
    await User.update({User.email: ""}).where(User.username == "insp")


async def test_mail_is_sent_once_and_a_failed_send_is_retried(
        client: Any, tokens: dict[str, str], campaign_id: int, mail_to_insp: Any) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=1, days=10)
    move_days(12)
    mail_to_insp.fail = True
    failed = await run_sweep()
    assert (failed.emailed, failed.email_failed) == (0, 1)
    assert [r["emailed_at"] for r in await all_reminders() if r["kind"] == "svar_forsenat"
            ] == [None]
    assert await open_kinds(client, tokens["insp"]) == ["svar_forsenat"]   # not lost
    mail_to_insp.fail = False
    sent = await run_sweep()
    assert (sent.emailed, sent.email_failed) == (1, 0)
    assert (await run_sweep()).emailed == 0
    [message] = mail_to_insp.sent
    assert message["To"] == "insp@example.se"
    assert "skulle ha kommit in senast" in message.get_content()
    assert await Reminder.count().where(Reminder.emailed_at.is_not_null()) == 1


async def test_no_mail_without_an_smtp_server(
        client: Any, tokens: dict[str, str], campaign_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INSPEKTION_SMTP_HOST", raising=False)
    w = Walker(client, tokens, campaign_id)
    await w.open()
    move_days(61)
    result = await run_sweep()
    assert result.total_created >= 1 and result.emailed == 0


async def test_the_scheduler_runs_the_sweep_on_an_interval(
        db: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("INSPEKTION_SCHEDULER", "1")
    monkeypatch.setenv("INSPEKTION_REMINDER_SWEEP_MINUTES", "15")
    scheduler = jobs.start_scheduler()
    try:
        assert scheduler is not None and scheduler.running
        job = scheduler.get_job("reminders")
        assert job is not None and job.trigger.interval.total_seconds() == 15 * 60
        assert jobs.start_scheduler() is scheduler        # one per process
    finally:
        jobs.stop_scheduler()
    monkeypatch.setenv("INSPEKTION_SCHEDULER", "0")
    assert jobs.start_scheduler() is None

    async def broken(today: Any = None) -> Any:
        raise RuntimeError("databasen är borta")

    monkeypatch.setattr(jobs.reminders, "run_sweep", broken)
    await jobs.sweep_reminders()                        # logged, not raised
    assert "påminnelsesvepet misslyckades" in caplog.text


async def test_jurists_comment_time_reminder_goes_with_the_forelaggande(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    """"Tiden för yttrande har gått ut … kan nu beslutas" must not outlive the decision."""
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=2, days=10)
    move_days(12)
    await w.post("svar", {"received": clock.today().isoformat(), "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt", "motivering": "Ingen rutin."}]})
    svar_senast = move_days(1) + timedelta(days=14)   # the shortest comment time
    deadline = (svar_senast + timedelta(days=60)).isoformat()
    await w.post("underrattelse", {"krav_ids": [w.krav_ids[1]], "vite_sek": 50_000,
                                   "svar_senast": svar_senast.isoformat(),
                                   "deadline": deadline},
                 role="jurist")
    move_days(16)
    await run_sweep()
    assert "yttrandetid_ute" in await open_kinds(client, tokens["jur"])
    await w.post("forelaggande", {"krav_ids": [w.krav_ids[1]], "vite_sek": 50_000,
                                  "deadline": deadline},
                 role="jurist")
    assert "yttrandetid_ute" not in await open_kinds(client, tokens["jur"])
    [row] = [r for r in await all_reminders() if r["kind"] == "yttrandetid_ute"]
    assert row["resolved"] == clock.today()

"""The audit trail cannot be rewritten, and a failing action keeps nothing."""

from __future__ import annotations

import pytest

from inspektion.db.tables import AuditEvent, Krav, Meeting, QuestionnaireAnswer
from inspektion.domain.access import Actor
from inspektion.domain.lifecycle import Step
from inspektion.domain.roles import Role
from inspektion.services import cases, meetings
from tests.support import MALMO, PARTICIPANTS, group


async def _actor() -> Actor:
    from inspektion.db.tables import User

    row = await User.select(User.id).where(User.username == "insp").first()
    assert row is not None
    return Actor(row["id"], "insp", Role.INSPEKTOR, "IRS-Syd")


async def test_audit_events_cannot_be_updated_or_deleted(db: str, campaign_id: int) -> None:
    actor = await _actor()
    await cases.open_case(actor, cases.OpenCase(campaign_id, MALMO, cases.Arbetsstalle("Kontoret"),
                                             "fokusinspektion"))
    assert await AuditEvent.count() == 1
    with pytest.raises(Exception, match="append-only"):
        await AuditEvent.update({AuditEvent.action: "ändrad"}, force=True)
    with pytest.raises(Exception, match="append-only"):
        await AuditEvent.delete(force=True)
    assert (await AuditEvent.select(AuditEvent.action).first())["action"] == "case.open"


async def test_failure_in_the_middle_of_gruppsamtal_keeps_nothing(
        db: str, campaign_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    actor = await _actor()
    case = await cases.open_case(actor, cases.OpenCase(
        campaign_id, MALMO, cases.Arbetsstalle("Kontoret"), "fokusinspektion"))
    from tests.conftest import TODAY

    out = await meetings.record_meeting(actor, meetings.RecordMeeting(
        case.id, Step.FORMOTE, 1, TODAY, tuple(meetings.Participant(**p) for p in PARTICIPANTS)))
    before = (await Meeting.count(), await AuditEvent.count())

    async def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("strömavbrott mitt i sparandet")

    monkeypatch.setattr(meetings, "commit", broken)
    with pytest.raises(RuntimeError):
        await meetings.record_gruppsamtal(actor, meetings.RecordGruppsamtal(
            case.id, out.version, TODAY, "Barn och unga", tuple(group(5))))
    assert (await Meeting.count(), await AuditEvent.count()) == before
    assert await QuestionnaireAnswer.count() == 0
    assert await Krav.count() == 0

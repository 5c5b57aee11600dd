"""Notices to inspectors: a case was assigned to you; the jurist acted on your case.

They are reminders of the kinds in `domain.reminder_rules.NOTICE_KINDS`: made by the step
itself, in its transaction, and kept until the inspector dismisses them (no sweep touches
them). They reach the page's reminder box, `GET /api/reminders` and e-mail like the rest.
"""

from __future__ import annotations

from inspektion import clock
from inspektion.db.tables import Case, Reminder, User
from inspektion.domain.access import Actor
from inspektion.domain.lifecycle import Step
from inspektion.domain.reminder_rules import ReminderKind
from inspektion.domain.roles import Role

JURIST_ACTS = {Step.UNDERRATTELSE: "skickat en underrättelse om föreläggande",
               Step.FORELAGGANDE: "beslutat ett föreläggande",
               Step.DELGIVNING: "registrerat en delgivning",
               Step.UTDOMANDE: "ansökt om utdömande av vite"}


async def notify_users(user_ids: list[int], case_id: int, kind: ReminderKind, message: str
                       ) -> None:
    """A notice now to each of these users who is still active (one reminder row each)."""
    active = {r["id"] for r in await User.select(User.id).where(
        User.id.is_in(user_ids) & (User.active == True))} if user_ids else set()  # noqa: E712
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%f")
    for uid in sorted(active):
        await Reminder.insert(Reminder(
            key=f"{kind.value}:{case_id}:{stamp}:u{uid}", kind=kind.value, recipient=uid,
            case=case_id, message=message, due_on=clock.today(), created_at=clock.now()))


async def _case(case_id: int) -> dict[str, object] | None:
    return await Case.select(Case.diarienummer, Case.kommun.namn.as_alias("kommun"),
                             Case.inspector1, Case.inspector2).where(Case.id == case_id).first()


async def case_assigned(case_id: int, before: set[int | None], after: set[int | None]) -> None:
    """Tell each inspector newly put on the case; call inside the assignment's transaction."""
    new = [i for i in after - before if i is not None]
    row = await _case(case_id)
    if not new or row is None:
        return
    await notify_users(new, case_id, ReminderKind.TILLDELAD,
                  f"Ärende {row['diarienummer']} ({row['kommun']}) är tilldelat dig.")


async def jurist_acted(case_id: int, actor: Actor, step: Step) -> None:
    """Tell the case's inspectors what the jurist did; call inside the step's transaction."""
    if actor.role is not Role.JURIST or step not in JURIST_ACTS:
        return
    row = await _case(case_id)
    if row is None:
        return
    inspectors = [int(i) for i in (row["inspector1"], row["inspector2"])  # type: ignore[call-overload]
                  if i is not None]
    await notify_users(inspectors, case_id, ReminderKind.JURISTEN_AGERADE,
                  f"Juristen har {JURIST_ACTS[step]} i ärende {row['diarienummer']} "
                  f"({row['kommun']}).")

"""Reminders and the escalation queue over HTTP; thin: every rule is in services/."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath

from inspektion.api.auth import provide_actor
from inspektion.domain.access import Actor
from inspektion.services import reminders
from inspektion.services.escalation_queue import QueueRow


class ReminderController(Controller):
    path = "/api"
    tags = ["påminnelser"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/reminders", summary="Mina öppna påminnelser")
    async def mine(self, actor: NamedDependency[Actor]) -> list[reminders.ReminderOut]:
        return await reminders.open_reminders(actor)

    @post("/reminders/{reminder_id:int}/dismiss", status_code=200,
          summary="Avfärda en av mina påminnelser")
    async def dismiss(self, reminder_id: FromPath[int], actor: NamedDependency[Actor]
                      ) -> reminders.ReminderOut:
        return await reminders.dismiss(actor, reminder_id)

    @get("/escalation-queue",
         summary="Eskaleringskön: ärenden med krav som inte är uppfyllda efter svarstiden")
    async def escalation_queue(self, actor: NamedDependency[Actor]) -> list[QueueRow]:
        return await reminders.escalation_queue(actor)

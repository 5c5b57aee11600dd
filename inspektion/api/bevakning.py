"""Planned visits and the calendar over HTTP; thin: every rule is in services/bevakning."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import msgspec
from litestar import Controller, get, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody

from inspektion.api.auth import provide_actor
from inspektion.domain.access import Actor
from inspektion.services import bevakning


class PlanIn(msgspec.Struct, forbid_unknown_fields=True):
    version: int
    formote: date | msgspec.UnsetType | None = msgspec.UNSET
    gruppsamtal: date | msgspec.UnsetType | None = msgspec.UNSET
    aterkoppling: date | msgspec.UnsetType | None = msgspec.UNSET
    uppfoljning: date | msgspec.UnsetType | None = msgspec.UNSET


class BevakningController(Controller):
    path = "/api"
    tags = ["bevakning"]
    dependencies = {"actor": Provide(provide_actor)}

    @put("/cases/{case_id:int}/planering",
         summary="Planera datum för förmöte, gruppsamtal, återkoppling och uppföljning")
    async def plan(self, case_id: FromPath[int], data: JSONBody[PlanIn],
                   actor: NamedDependency[Actor]) -> bevakning.Planned:
        raw = {k: getattr(data, k) for k in bevakning.PLANNED_KINDS
               if getattr(data, k) is not msgspec.UNSET}
        return await bevakning.plan_visits(actor, bevakning.parse_plan(case_id, data.version, raw))

    @get("/calendar", summary="Min kalender: planerade besök och tidsfrister")
    async def calendar(self, actor: NamedDependency[Actor],
                       start: FromQuery[date | None] = None) -> list[dict[str, Any]]:
        return [asdict(i) for i in await bevakning.calendar(actor, start)]

"""Effect per effektmål over HTTP, and the follow-up gruppsamtal that feeds it."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody

from inspektion.api.auth import provide_actor
from inspektion.api.cases import gruppsamtal_command
from inspektion.api.schemas import GruppsamtalIn
from inspektion.domain.access import Actor
from inspektion.services import gruppsamtal_uppfoljning
from inspektion.services.effekt import EffektResult, campaign_effekt
from inspektion.services.meetings import GruppsamtalRecorded

Req = Request[Any, Any, Any]


class EffektController(Controller):
    path = "/api"
    tags = ["effekt"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/campaigns/{campaign_id:int}/effekt",
         summary="Effekten per effektmål: förändringen mellan första gruppsamtalet och "
                 "uppföljningens, och vad som blev av kraven")
    async def effekt(self, campaign_id: FromPath[int],
                     actor: NamedDependency[Actor]) -> EffektResult:
        return await campaign_effekt(campaign_id)

    @post("/cases/{case_id:int}/gruppsamtal-uppfoljning", status_code=201,
          summary="Registrera gruppsamtal vid uppföljningsbesöket (samma enkät, samma "
                  "arbetsområde som det första); svaret är sammanställningen")
    async def follow_up(self, case_id: FromPath[int], data: JSONBody[GruppsamtalIn],
                        actor: NamedDependency[Actor], request: Req
                        ) -> GruppsamtalRecorded:
        return await gruppsamtal_uppfoljning.record_follow_up(
            actor, gruppsamtal_command(case_id, data, request))

"""Campaigns and users."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody

from inspektion.api.auth import provide_actor
from inspektion.api.schemas import CampaignIn, UserIn
from inspektion.domain.access import Actor
from inspektion.services import campaigns, users


class CampaignController(Controller):
    path = "/api/campaigns"
    tags = ["kampanjer"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/", summary="Kampanjer (tillsynsinsatser)")
    async def list_all(self, actor: NamedDependency[Actor]) -> list[campaigns.CampaignOut]:
        return await campaigns.list_campaigns()

    @post("/", status_code=201, summary="Skapa kampanj (admin, samordnare)")
    async def create(self, data: JSONBody[CampaignIn], actor: NamedDependency[Actor]
                     ) -> campaigns.CampaignCreated:
        return await campaigns.create_campaign(actor, data.name, data.start, data.end,
                                               data.target_share, data.region_targets)


class UserController(Controller):
    path = "/api/users"
    tags = ["användare"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/", summary="Användare (admin: alla; samordnare: regionens)")
    async def list_all(self, actor: NamedDependency[Actor]) -> list[users.UserRow]:
        return await users.list_users(actor)

    @post("/", status_code=201, summary="Lägg till användare (admin)")
    async def create(self, data: JSONBody[UserIn], actor: NamedDependency[Actor]
                     ) -> users.UserAdded:
        return await users.add_user(data.username, data.password, data.role, data.region,
                                    data.display_name, data.title, data.email, data.phone,
                                    actor=actor)

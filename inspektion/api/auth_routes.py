"""Login and logout over the API."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody

from inspektion.api.auth import provide_actor, token_of
from inspektion.api.schemas import Login, LoginOut
from inspektion.domain.access import Actor
from inspektion.http.session import client_address
from inspektion.services import users


class AuthController(Controller):
    path = "/api/auth"
    tags = ["inloggning"]

    @post("/login", status_code=200, summary="Logga in; svarar med en token")
    async def login(self, request: Request[Any, Any, Any], data: JSONBody[Login]) -> LoginOut:
        result = await users.login(data.username, data.password, client_address(request))
        return LoginOut(token=result.token, role=result.role, region=result.region,
                        username=result.username, display_name=result.display_name)

    @post("/logout", status_code=200, dependencies={"actor": Provide(provide_actor)},
          summary="Logga ut; token slutar gälla")
    async def logout(self, request: Request[Any, Any, Any], actor: NamedDependency[Actor]
                     ) -> dict[str, str]:
        token = token_of(request)
        if token:
            await users.logout(token)
        return {"status": "utloggad"}

"""Answer links over the API: make one for a letter, list the case's, revoke one.

The address (with its secret) and the typeable code are in the answer to the POST only;
the database keeps their hashes, so no later call can show them again.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from msgspec import Struct

from inspektion.api.auth import provide_actor, version_of
from inspektion.api.schemas import Version
from inspektion.domain.access import Actor
from inspektion.domain.svarslank import shown_code
from inspektion.services import svarslankar

Req = Request[Any, Any, Any]


class SvarslankIn(Struct):
    document_id: int
    recipient: str
    version: Version | None = None


class SvarslankCreated(Struct):
    id: int
    url: str
    code: str
    code_url: str
    expires: date
    document_id: int
    document_number: str
    recipient: str


class SvarslankOut(Struct):
    id: int
    document_id: int
    document_number: str
    recipient: str
    created_at: datetime
    expires: date
    usable: bool
    state: str
    sent: int
    drafts: int
    created_by: str | None = None
    revoked_at: datetime | None = None


class SvarslankRevoked(Struct):
    id: int
    revoked: bool


def base_url(request: Req) -> str:
    return str(request.base_url).rstrip("/")


class SvarslankController(Controller):
    path = "/api/cases"
    tags = ["ärenden"]
    dependencies = {"actor": Provide(provide_actor)}

    @post("/{case_id:int}/svarslankar", status_code=201,
          summary="Skapa en svarslänk för ett brev (arbetsgivaren eller huvudskyddsombudet)")
    async def create(self, case_id: FromPath[int], data: JSONBody[SvarslankIn],
                     actor: NamedDependency[Actor], request: Req) -> SvarslankCreated:
        out = await svarslankar.create_link(actor, case_id, data.document_id, data.recipient,
                                            version_of(data.version, request))
        base = base_url(request)
        return SvarslankCreated(
            id=out.id, url=f"{base}{svarslankar.PATH}{out.token}", code=shown_code(out.code),
            code_url=f"{base}/svar", expires=out.expires, document_id=out.document_id,
            document_number=out.document_number, recipient=out.recipient.value)

    @get("/{case_id:int}/svarslankar", summary="Ärendets svarslänkar (utan hemligheter)")
    async def list_all(self, case_id: FromPath[int], actor: NamedDependency[Actor]
                       ) -> list[SvarslankOut]:
        return [SvarslankOut(
            id=r["id"], document_id=r["document"], document_number=r["document_number"],
            recipient=r["recipient"], created_at=r["created_at"], expires=r["expires_on"],
            usable=r["usable"], state=r["state"], sent=r["sent"], drafts=r["drafts"],
            created_by=r["created_by"], revoked_at=r["revoked_at"])
            for r in await svarslankar.list_links(actor, case_id)]

    @delete("/{case_id:int}/svarslankar/{link_id:int}", status_code=200,
            summary="Återkalla en svarslänk")
    async def revoke(self, case_id: FromPath[int], link_id: FromPath[int],
                     actor: NamedDependency[Actor]) -> SvarslankRevoked:
        out = await svarslankar.revoke_link(actor, case_id, link_id)
        return SvarslankRevoked(id=out.id, revoked=out.revoked)

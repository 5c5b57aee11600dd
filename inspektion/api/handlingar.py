"""Inkomna handlingar over HTTP: register one (multipart), list them, fetch a file.

Files are always served as attachments, with `X-Content-Type-Options: nosniff`, a content
type decided when the file was checked, and a Content-Security-Policy that lets nothing run:
a browser never renders a handed-in file as a page of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.openapi.spec import (
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    RequestBody,
    Schema,
)
from litestar.params import FromPath
from msgspec import Struct

from inspektion.api.auth import if_match_version, provide_actor
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput
from inspektion.domain.handlingar import HandlingKind, content_disposition
from inspektion.http.uploads import BODY_LIMIT, form_text, read_files
from inspektion.services import diarium, handlingar
from inspektion.services.handlingar import RegisterHandling

Req = Request[Any, Any, Any]


_FIELDS = {
    "kind": Schema(type=OpenAPIType.STRING, enum=[k.value for k in HandlingKind]),
    "received": Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE),
    "sender": Schema(type=OpenAPIType.STRING, max_length=200),
    "description": Schema(type=OpenAPIType.STRING, max_length=2000),
    "file": Schema(type=OpenAPIType.ARRAY, items=Schema(type=OpenAPIType.STRING,
                                                        format=OpenAPIFormat.BINARY)),
    "document_id": Schema(type=OpenAPIType.INTEGER, description="Brevet handlingen svarar på"),
    "version": Schema(type=OpenAPIType.INTEGER, description="Ärendets version (frivillig)"),
}


@dataclass
class HandlingFormOperation(Operation):
    """The multipart body in the OpenAPI schema. The handler reads the form itself, so a form
    without files may also come URL-encoded and every field's problem is said in Swedish."""

    def __post_init__(self) -> None:
        self.request_body = RequestBody(required=True, content={
            "multipart/form-data": OpenAPIMediaType(schema=Schema(
                type=OpenAPIType.OBJECT, properties=dict(_FIELDS),
                required=["kind", "received", "sender", "description"]))})


class FileOut(Struct):
    n: int
    name: str
    size: int
    sha256: str
    content_type: str


class HandlingCreated(Struct):
    id: int
    number: str
    kind: str
    received: date
    version: int
    files: list[FileOut]
    answers_document_id: int | None = None


class HandlingOut(Struct):
    id: int
    number: str
    kind: str
    kind_label: str
    received: date
    sender: str
    description: str
    files: list[FileOut]
    answers_document: int | None = None
    answers_number: str | None = None
    registered_on: date | None = None
    registered_by: str | None = None


def _optional_int(raw: str, name: str) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if not raw.isdecimal():
        raise InvalidInput(f"{name}: ska vara ett heltal.", name)
    return int(raw)


class HandlingController(Controller):
    path = "/api/cases"
    tags = ["ärenden"]
    dependencies = {"actor": Provide(provide_actor)}

    @post("/{case_id:int}/handlingar", status_code=201, request_max_body_size=BODY_LIMIT,
          operation_class=HandlingFormOperation,
          summary="Registrera en inkommen handling med filer (PDF, DOCX, XLSX, JPEG, PNG)")
    async def register(self, case_id: FromPath[int], actor: NamedDependency[Actor],
                       request: Req) -> HandlingCreated:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("multipart/form-data", "application/x-www-form-urlencoded"):
            raise InvalidInput("Skicka handlingen som multipart/form-data (fält och filer).",
                               "content-type")
        form = await request.form()
        values = {name: form_text(form, name) for name in _FIELDS if name != "file"}
        files = await read_files(form.getall("file") if "file" in form else [])
        version = _optional_int(values["version"], "version")
        if version is None:
            version = if_match_version(request)
        out = await handlingar.register_handling(actor, RegisterHandling(
            case_id=case_id, kind=values["kind"], received=values["received"],
            sender=values["sender"], description=values["description"], files=files,
            version=version,
            answers_document_id=_optional_int(values["document_id"], "document_id")))
        return HandlingCreated(
            id=out.id, number=out.number, kind=out.kind, received=out.received,
            version=out.version, answers_document_id=out.answers_document_id,
            files=[FileOut(f.position, f.name, f.size, f.sha256, f.content_type)
                   for f in out.files])

    @get("/{case_id:int}/handlingar", summary="Ärendets inkomna handlingar")
    async def list_all(self, case_id: FromPath[int], actor: NamedDependency[Actor]
                       ) -> list[HandlingOut]:
        rows = await handlingar.list_handlingar(actor, case_id)
        return [HandlingOut(
            id=r["id"], number=r["number"], kind=r["kind"], kind_label=r["kind_label"],
            received=r["received"], sender=r["sender"], description=r["description"],
            files=[FileOut(f["n"], f["name"], f["size"], f["sha256"], f["content_type"])
                   for f in r["files"]],
            answers_document=r["answers_document"], answers_number=r["answers_number"],
            registered_on=r["registered_on"], registered_by=r["registered_by"]) for r in rows]

    @get("/{case_id:int}/handlingar/{handling_id:int}/filer/{n:int}",
         summary="En fil ur en inkommen handling (som bilaga, aldrig visad som sida)",
         media_type="application/octet-stream")
    async def file(self, case_id: FromPath[int], handling_id: FromPath[int], n: FromPath[int],
                   actor: NamedDependency[Actor]) -> Response[bytes]:
        got = await handlingar.file_of(actor, case_id, handling_id, n)
        return Response(got.data, media_type=got.content_type, headers=download_headers(
            got.name, got.sha256))


class DiariumFileOut(Struct):
    n: int
    name: str
    size: int
    sha256: str


class DiariumEntryOut(Struct):
    number: str
    date: date
    direction: str
    kind: str
    kind_label: str
    counterpart: str
    description: str
    document_id: int | None = None
    handling_id: int | None = None
    files: list[DiariumFileOut] = []


class DiariumController(Controller):
    path = "/api/cases"
    tags = ["ärenden"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/{case_id:int}/diarium",
         summary="Ärendets diarium: varje handling in och ut, i datumordning")
    async def diarium(self, case_id: FromPath[int], actor: NamedDependency[Actor]
                      ) -> list[DiariumEntryOut]:
        got = await diarium.diarium_of(actor, case_id)
        return [DiariumEntryOut(
            number=e.number, date=e.date, direction=e.direction, kind=e.kind,
            kind_label=e.kind_label, counterpart=e.counterpart, description=e.description,
            document_id=e.document_id, handling_id=e.handling_id,
            files=[DiariumFileOut(f.n, f.name, f.size, f.sha256) for f in e.files])
            for e in got.entries]

    @get("/{case_id:int}/diarium.pdf", summary="Utskrivbar ärendesammanställning (PDF)",
         media_type="application/pdf")
    async def summary(self, case_id: FromPath[int], actor: NamedDependency[Actor]
                      ) -> Response[bytes]:
        pdf, name = await diarium.summary_pdf(actor, case_id)
        return Response(pdf, media_type="application/pdf", headers={
            "Content-Disposition": content_disposition(name),
            "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


def download_headers(name: str, sha256: str) -> dict[str, str]:
    return {"Content-Disposition": content_disposition(name),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
            "X-Content-SHA256": sha256}

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
from litestar.datastructures import UploadFile
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

from inspektion.api.auth import provide_actor
from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput
from inspektion.domain.handlingar import HandlingKind, content_disposition
from inspektion.services import handlingar
from inspektion.services.handlingar import IncomingFile, RegisterHandling

Req = Request[Any, Any, Any]
# The whole request may hold MAX_FILES files at the cap; one file above the cap is read only
# up to the cap and refused with 413 by the service, in Swedish.
BODY_LIMIT = handlingar.MAX_FILES * load_settings().max_file_mb * 1_000_000 + 1_000_000


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


def _text(form: Any, name: str) -> str:
    """One text field; a field sent twice or as a file is a mistake, not a guess."""
    items = form.getall(name) if name in form else []
    if len(items) > 1 or any(not isinstance(i, str) for i in items):
        raise InvalidInput(f"{name}: ange fältet en gång, som text.", name)
    return items[0] if items else ""


def _optional_int(raw: str, name: str) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise InvalidInput(f"{name}: ska vara ett heltal.", name)
    return int(raw)


async def read_files(raw: Any) -> tuple[IncomingFile, ...]:
    items = raw if isinstance(raw, list) else [raw] if raw else []
    cap = handlingar.max_file_bytes()
    out = []
    for item in items:
        if isinstance(item, str) and not item:
            continue  # a file input left empty: the browser sends a part with no file name
        if not isinstance(item, UploadFile):
            raise InvalidInput("file: skicka filerna som fildelar (multipart/form-data).", "file")
        data = await item.read(cap + 1)
        out.append(IncomingFile(item.filename or "", data))
        await item.close()
    return tuple(out)


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
        values = {name: _text(form, name) for name in _FIELDS if name != "file"}
        files = await read_files(form.getall("file") if "file" in form else [])
        version = _optional_int(values["version"], "version")
        if version is None:
            raw = request.headers.get("if-match", "").strip().removeprefix("W/").strip('"')
            version = int(raw) if raw.isdigit() else None
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


def download_headers(name: str, sha256: str) -> dict[str, str]:
    return {"Content-Disposition": content_disposition(name),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
            "X-Content-SHA256": sha256}

"""Stored letters, exactly as issued, and previews of drafts."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery

from inspektion.api.auth import provide_actor
from inspektion.domain.access import Actor
from inspektion.services import letters
from inspektion.services.step_frame import parse_date

MEDIA = {"pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _file(data: bytes, name: str, fmt: str, sha256: str | None = None) -> Response[bytes]:
    headers = {"Content-Disposition": f'inline; filename="{name}.{fmt}"'}
    if sha256:
        headers["X-Content-SHA256"] = sha256
        headers["ETag"] = f'"{sha256}"'
    return Response(data, media_type=MEDIA[fmt], headers=headers)


class DocumentController(Controller):
    path = "/api"
    tags = ["dokument"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/documents/{document_id:int}/{fmt:str}", summary="Ett registrerat brev (pdf eller docx)",
         media_type="application/octet-stream")
    async def stored(self, document_id: FromPath[int], fmt: FromPath[str],
                     actor: NamedDependency[Actor]) -> Response[bytes]:
        data, number, sha = await letters.stored_document(actor, document_id, fmt)
        return _file(data, number.replace("/", "-"), fmt, sha)

    @get("/cases/{case_id:int}/preview/{kind:str}",
         summary="Förhandsgranska ett brev (UTKAST, registreras inte)",
         media_type="application/octet-stream")
    async def preview(self, case_id: FromPath[int], kind: FromPath[str],
                      actor: NamedDependency[Actor], format: FromQuery[str] = "pdf",
                      svar_senast: FromQuery[str | None] = None,
                      deadline: FromQuery[str | None] = None,
                      vite_sek: FromQuery[int | None] = None,
                      krav_ids: FromQuery[list[int] | None] = None) -> Response[Any]:
        pdf, docx = await letters.preview(
            actor, case_id, kind, parse_date(svar_senast, "svar_senast") if svar_senast else None,
            vite_sek, parse_date(deadline, "deadline") if deadline else None, krav_ids)
        if format not in MEDIA:
            format = "pdf"
        return _file(pdf if format == "pdf" else docx, f"utkast-{kind}", format)

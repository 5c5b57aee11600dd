"""Reference data and the health check."""

from __future__ import annotations

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody

from inspektion import clock
from inspektion.api.auth import provide_actor
from inspektion.api.schemas import VerifyIn
from inspektion.api.schemas_out import (
    KommunOut,
    KravTemplateOut,
    QuestionOut,
    RegulationOut,
)
from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.services import reference
from inspektion.services.meetings import questionnaire


@get("/health", tags=["system"], summary="Hälsokontroll")
async def health() -> dict[str, str]:
    await reference.counts()  # touches the database: a broken connection fails here
    return {"status": "ok", "database": load_settings().database_kind}


class ReferenceController(Controller):
    path = "/api"
    tags = ["referensdata"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/kommuner", summary="Sveriges 290 kommuner med län och region")
    async def kommuner(self, actor: NamedDependency[Actor]) -> list[KommunOut]:
        return msgspec.convert(await reference.kommuner(), list[KommunOut])

    @get("/regulations", summary="Regelkatalogen: föreskrifter och paragrafer")
    async def regulations(self, actor: NamedDependency[Actor]) -> list[RegulationOut]:
        catalogue = await reference.catalogue()
        today = clock.today()
        return msgspec.convert([{
            "id": r.id, "title": r.title, "in_force_from": r.in_force_from,
            "in_force_to": r.in_force_to, "in_force": r.in_force_on(today),
            "paragraphs": [{"number": p.number, "topic": p.topic, "verified": p.verified,
                            "source": p.source,
                            "successor": "; ".join(p.successors) or None,
                            "successors": list(p.successors),
                            "repealed": p.repealed, "citation": p.citation,
                            "procedural": p.procedural,
                            "citable": (r.in_force_on(today) and not p.repealed
                                        and not p.procedural)}
                           for p in r.paragraphs],
        } for r in catalogue.regulations], list[RegulationOut])

    @post("/regulations/verify", status_code=200,
          summary="Jurist markerar en paragraf som verifierad mot sin källa")
    async def verify(self, data: JSONBody[VerifyIn], actor: NamedDependency[Actor]
                     ) -> reference.ParagraphVerified:
        return await reference.verify_paragraph(actor, data.citation, data.source)

    @get("/krav-templates", summary="Kravbiblioteket")
    async def krav_templates(self, actor: NamedDependency[Actor]) -> list[KravTemplateOut]:
        return msgspec.convert(await reference.krav_templates(), list[KravTemplateOut])

    @get("/questionnaire", summary="Frågorna i gruppsamtalens enkät")
    async def questionnaire(self, actor: NamedDependency[Actor]) -> list[QuestionOut]:
        return [QuestionOut(id=q.id, area_id=q.area_id, area=q.area, text=q.text,
                            scale_min=q.scale_min, scale_max=q.scale_max, reverse=q.reverse)
                for q in questionnaire()]

"""Tvåstegsmetoden: tillsynsmeddelande → redovisning → (komplettering) → besök."""

from __future__ import annotations

from typing import Any

from inspektion.db.tables import Document
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput
from inspektion.domain.lifecycle import Step
from inspektion.services import audit, reference
from inspektion.services._steps import (
    begin,
    commit,
    next_document_number,
    not_in_future,
    parse_date,
)
from inspektion.services._tx import write_tx
from inspektion.services.letter_views import krav_lines
from inspektion.services.letters import answer_date, store_letter

# The most common deficiencies of the 2015–2017 campaign, asked about in a tillsynsmeddelande.
DEFAULT_TOPICS = ["arbetsbelastning-riskbedomning", "introduktion-rutiner",
                  "hot-vald-riskbedomning", "krisstod-rutiner", "tillbudsrapportering-rutiner"]


async def send_tillsynsmeddelande(actor: Actor, case_id: int, version: int | None,
                                  svar_senast: Any, topics: list[str] | None = None
                                  ) -> dict[str, Any]:
    chosen = topics or DEFAULT_TOPICS
    templates = [await reference.template(slug) for slug in chosen]
    async with write_tx():
        start = await begin(case_id, actor, Step.TILLSYNSMEDDELANDE, version)
        due = answer_date(svar_senast, start.today)
        catalogue = await reference.catalogue()
        lines = krav_lines(catalogue, [
            {"number": i, "text": t["text"], "citations": t["citations"], "brist": t["brist"]}
            for i, t in enumerate(templates, start=1)], start.today)
        document = await store_letter(
            start, "tillsynsmeddelande", {"svar_senast": due.isoformat(), "topics": chosen},
            svar_senast=due, lines=lines)
        new_version = await commit(start, svar_senast=due)
        await audit.record(actor, "letter.tillsynsmeddelande", case_id, {**start.transition(),
            "document": document["number"], "svar_senast": due.isoformat(), "topics": chosen})
    return {"document": document, "version": new_version, "status": start.new_status.value}


async def register_redovisning(actor: Actor, case_id: int, version: int | None, received: Any,
                               notes: str = "") -> dict[str, Any]:
    async with write_tx():
        start = await begin(case_id, actor, Step.REDOVISNING, version)
        day = parse_date(received, "received")
        not_in_future(day, start.today, "received")
        _, number = await next_document_number(start)
        await Document.insert(Document(
            case=case_id, kind="redovisning", number=number, created_on=start.today,
            sent_on=day, payload={"received": day.isoformat(), "notes": notes or ""}))
        new_version = await commit(start, svar_senast=None)
        await audit.record(actor, "case.redovisning", case_id,
                           {**start.transition(), "document": number, "received": day.isoformat()})
    return {"document_number": number, "version": new_version, "status": start.new_status.value}


async def request_komplettering(actor: Actor, case_id: int, version: int | None,
                                svar_senast: Any, notes: str) -> dict[str, Any]:
    if not (notes or "").strip():
        raise InvalidInput("Skriv vad redovisningen ska kompletteras med.", "notes")
    async with write_tx():
        start = await begin(case_id, actor, Step.KOMPLETTERING, version)
        due = answer_date(svar_senast, start.today)
        _, number = await next_document_number(start)
        await Document.insert(Document(
            case=case_id, kind="begaran_komplettering", number=number, created_on=start.today,
            sent_on=start.today, payload={"svar_senast": due.isoformat(), "notes": notes}))
        new_version = await commit(start, svar_senast=due)
        await audit.record(actor, "case.komplettering", case_id, {**start.transition(),
            "document": number, "svar_senast": due.isoformat(), "notes": notes})
    return {"document_number": number, "version": new_version, "status": start.new_status.value}

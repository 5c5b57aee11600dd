"""Tvåstegsmetoden: tillsynsmeddelande → redovisning → (komplettering) → besök."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspektion.db.tables import Document, Handling, Workplace
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput
from inspektion.domain.handlingar import HandlingKind
from inspektion.domain.lifecycle import Step
from inspektion.services import audit, reference
from inspektion.services.handlingar import answered_letter, store_handling
from inspektion.services.letter_views import krav_lines
from inspektion.services.letters import LetterSent, answer_date, store_letter
from inspektion.services.step_frame import (
    begin,
    commit,
    next_document_number,
    not_in_future,
    parse_date,
)
from inspektion.services.transactions import write_tx

# The most common deficiencies of the 2015–2017 campaign, asked about in a tillsynsmeddelande.
DEFAULT_TOPICS = ["arbetsbelastning-riskbedomning", "introduktion-rutiner",
                  "hot-vald-riskbedomning", "krisstod-rutiner", "tillbudsrapportering-rutiner"]


@dataclass(frozen=True)
class SendTillsynsmeddelande:
    """`topics`: slugs of the krav library asked about; none: DEFAULT_TOPICS."""

    case_id: int
    version: int | None
    svar_senast: date | None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegisterRedovisning:
    """The handling named by `handling_id`, or one registered now from `received`/`notes`."""

    case_id: int
    version: int | None
    received: date | None = None
    notes: str = ""
    handling_id: int | None = None


@dataclass(frozen=True)
class RedovisningRegistered:
    handling_id: int
    document_number: str
    version: int
    status: str


@dataclass(frozen=True)
class RequestKomplettering:
    case_id: int
    version: int | None
    svar_senast: date | None
    notes: str


@dataclass(frozen=True)
class KompletteringRequested:
    document_number: str
    version: int
    status: str


async def send_tillsynsmeddelande(actor: Actor, cmd: SendTillsynsmeddelande) -> LetterSent:
    case_id, version, svar_senast = cmd.case_id, cmd.version, cmd.svar_senast
    chosen = list(cmd.topics) or DEFAULT_TOPICS
    templates = [await reference.template(slug) for slug in chosen]
    async with write_tx():
        start = await begin(case_id, actor, Step.TILLSYNSMEDDELANDE, version)
        due = answer_date(svar_senast, start.today)
        catalogue = await reference.catalogue()
        lines = krav_lines(catalogue, [
            {"number": i, "text": t["text"], "citations": t["citations"], "brist": t["brist"],
             "deadline": None}
            for i, t in enumerate(templates, start=1)], start.today)
        document = await store_letter(
            start, "tillsynsmeddelande", {"svar_senast": due.isoformat(), "topics": chosen},
            svar_senast=due, lines=lines)
        new_version = await commit(start, svar_senast=due)
        await audit.record(actor, "letter.tillsynsmeddelande", case_id, {**start.transition(),
            "document": document.number, "svar_senast": due.isoformat(), "topics": chosen})
    return LetterSent(document, new_version, start.new_status.value)


async def register_redovisning(actor: Actor, cmd: RegisterRedovisning
                               ) -> RedovisningRegistered:
    """The employer's redovisning: the inkommen handling named by `handling_id` (registered
    with its files first), or one registered now from `received` and `notes`."""
    case_id, version, received = cmd.case_id, cmd.version, cmd.received
    notes, handling_id = cmd.notes, cmd.handling_id
    async with write_tx():
        start = await begin(case_id, actor, Step.REDOVISNING, version)
        if handling_id is not None:
            row = await Handling.select(Handling.id, Handling.kind, Handling.number,
                                        Handling.received).where(
                (Handling.id == handling_id) & (Handling.case == case_id)).first()
            if row is None or row["kind"] != HandlingKind.REDOVISNING.value:
                raise InvalidInput(f"handling_id: handling {handling_id} är ingen redovisning "
                                   "i ärendet.", "handling_id")
            day, number = parse_date(row["received"], "received"), str(row["number"])
        else:
            day = parse_date(received, "received")
            not_in_future(day, start.today, "received")
            answers = await answered_letter(case_id, HandlingKind.REDOVISNING, day, None)
            employer = await Workplace.select(Workplace.employer).where(
                Workplace.id == start.case["workplace"]).first()
            handling_id, number = await store_handling(
                start, actor, HandlingKind.REDOVISNING, day,
                (employer or {}).get("employer") or "Arbetsgivaren",
                (notes or "").strip() or "Arbetsgivarens redovisning", [], answers)
        new_version = await commit(start, svar_senast=None)
        await audit.record(actor, "case.redovisning", case_id,
                           {**start.transition(), "handling": number,
                            "handling_id": handling_id, "received": day.isoformat(),
                            "notes": notes or ""})
    return RedovisningRegistered(handling_id, number, new_version, start.new_status.value)


async def request_komplettering(actor: Actor, cmd: RequestKomplettering
                                ) -> KompletteringRequested:
    case_id, version, svar_senast, notes = cmd.case_id, cmd.version, cmd.svar_senast, cmd.notes
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
    return KompletteringRequested(number, new_version, start.new_status.value)

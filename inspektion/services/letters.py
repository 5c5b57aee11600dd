"""Issuing letters: the inspektionsmeddelande here; the decision letters in escalation.py.

A letter is rendered once, when it is issued; its bytes are stored with their SHA-256 and
never regenerated. A correction is a new document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Unpack

from inspektion import clock
from inspektion.db.tables import Document, Krav, Meeting
from inspektion.domain.access import Actor, require_case_access, visible_region
from inspektion.domain.deadlines import next_working_day
from inspektion.domain.errors import InvalidInput, NotFound
from inspektion.domain.krav import KravState
from inspektion.domain.letters import LETTER_KINDS, LetterKind
from inspektion.domain.lifecycle import Step, check_role
from inspektion.services import audit, offload
from inspektion.services.letter_views import ViewArgs, build_view
from inspektion.services.step_frame import (
    StepStart,
    begin,
    commit,
    in_future,
    load_case,
    next_document_number,
    parse_date,
)
from inspektion.services.transactions import write_tx


@dataclass(frozen=True)
class StoredLetter:
    """A letter numbered, rendered and stored by a step (what the step's answer names)."""

    id: int
    kind: str
    number: str
    created_on: str  # ISO date
    pdf_sha256: str
    docx_sha256: str


@dataclass(frozen=True)
class LetterSent:
    """A step that sends one letter: the letter, and the case after it."""

    document: StoredLetter
    version: int
    status: str
    svar_senast: str | None = None  # ISO date, where the letter asks for an answer


@dataclass(frozen=True)
class IssueInspektionsmeddelande:
    case_id: int
    version: int | None
    svar_senast: date | None


async def store_letter(start: StepStart, kind: LetterKind, payload: dict[str, object],
                       **view_args: Unpack[ViewArgs]) -> StoredLetter:
    """Number, render and store one letter inside the step's transaction."""
    _seq, number = await next_document_number(start)
    view = await build_view(start.case_id, kind, start.today, number, **view_args)
    rendered = await offload.render_letter(view)
    # The meetings the letter could quote: they are fixed from now on (domain/corrections.py).
    meeting_ids = [r["id"] for r in await Meeting.select(Meeting.id).where(
        Meeting.case == start.case_id)]
    rows = await Document.insert(Document(
        case=start.case_id, kind=kind, number=number, created_on=start.today,
        sent_on=start.today, pdf=rendered.pdf, docx=rendered.docx,
        pdf_sha256=rendered.pdf_sha256, docx_sha256=rendered.docx_sha256,
        payload={**payload, "meeting_ids": meeting_ids},
    )).returning(Document.id)
    return StoredLetter(int(rows[0]["id"]), kind, number, start.today.isoformat(),
                        rendered.pdf_sha256, rendered.docx_sha256)


def answer_date(raw: date | None, today: date, field: str = "svar_senast") -> date:
    """A future date, moved to the next working day if it falls on a weekend or holiday."""
    day = parse_date(raw, field)
    in_future(day, today, field)
    return next_working_day(day)


async def issue_inspektionsmeddelande(actor: Actor, cmd: IssueInspektionsmeddelande
                                      ) -> LetterSent:
    case_id, version, svar_senast = cmd.case_id, cmd.version, cmd.svar_senast
    async with write_tx():
        start = await begin(case_id, actor, Step.INSPEKTIONSMEDDELANDE, version)
        due = answer_date(svar_senast, start.today)
        await Krav.update({Krav.deadline: due}).where(
            (Krav.case == case_id) & (Krav.state == KravState.OPPEN.value))
        krav_ids = [r["id"] for r in await Krav.select(Krav.id).where(
            (Krav.case == case_id) & (Krav.state == KravState.OPPEN.value))]
        document = await store_letter(
            start, "inspektionsmeddelande",
            {"svar_senast": due.isoformat(), "krav_ids": krav_ids},
            krav_ids=krav_ids, svar_senast=due)
        new_version = await commit(start, svar_senast=due)
        await audit.record(actor, "letter.inspektionsmeddelande", case_id, {**start.transition(),
            "document": document.number, "svar_senast": due.isoformat(),
            "krav_ids": krav_ids, "pdf_sha256": document.pdf_sha256})
    return LetterSent(document, new_version, start.new_status.value, due.isoformat())


async def preview(actor: Actor, case_id: int, kind: str, svar_senast: date | None = None,
                  vite_sek: int | None = None, deadline: date | None = None,
                  krav_ids: list[int] | None = None) -> tuple[bytes, bytes]:
    """A draft (UTKAST on every page), not registered and not stored."""
    if kind not in LETTER_KINDS:
        raise InvalidInput(f"Okänd brevtyp {kind!r}.", "kind")
    if kind == "ansokan_utdomande":
        raise InvalidInput("En ansökan om utdömande av vite förhandsgranskas från steget "
                           "Ansök om utdömande av vite, där åtgärder, belopp och motivering "
                           "anges.", "kind")
    step = {"inspektionsmeddelande": Step.INSPEKTIONSMEDDELANDE,
            "tillsynsmeddelande": Step.TILLSYNSMEDDELANDE,
            "underrattelse": Step.UNDERRATTELSE, "forelaggande": Step.FORELAGGANDE}[kind]
    check_role(step, actor.role)
    case = await load_case(case_id)
    require_case_access(actor, case["region_code"])
    today = clock.today()
    due, until = svar_senast, deadline
    if krav_ids is None and kind == "inspektionsmeddelande":
        krav_ids = [r["id"] for r in await Krav.select(Krav.id).where(
            (Krav.case == case_id) & (Krav.state == KravState.OPPEN.value))]
    view = await build_view(case_id, kind, today, f"{case['diarienummer']}-UTKAST",
                            krav_ids=krav_ids, svar_senast=due, vite_sek=vite_sek,
                            deadline=until, decided_by=actor.user_id if kind == "forelaggande"
                            else None, presented_by=case["inspector1"], draft=True)
    rendered = await offload.render_letter(view)
    return rendered.pdf, rendered.docx


async def stored_document(actor: Actor, document_id: int, fmt: str) -> tuple[bytes, str, str]:
    """The stored bytes of a letter exactly as issued, with its number and hash."""
    visible_region(actor)  # roles that never read cases are refused before any lookup
    if fmt not in ("pdf", "docx"):
        raise InvalidInput("Format måste vara pdf eller docx.", "format")
    row = await Document.select(
        Document.case, Document.number, Document.kind, Document.pdf, Document.docx,
        Document.pdf_sha256, Document.docx_sha256,
    ).where(Document.id == document_id).first()
    if row is None:
        raise NotFound(f"Dokument {document_id} finns inte.")
    case = await load_case(row["case"])
    require_case_access(actor, case["region_code"])
    data = row[fmt]
    if data is None:
        raise NotFound(f"Dokument {row['number']} ({row['kind']}) har ingen {fmt}-fil; "
                       "det är en registrering utan brev.")
    return bytes(data), row["number"], row[f"{fmt}_sha256"]

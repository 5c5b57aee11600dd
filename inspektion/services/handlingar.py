"""Registering what comes in to a case (inkomna handlingar) and handing its files back.

Every handling takes the next number of the case's series, the same series as the letters
AV sends (services/step_frame.allocate_document_number), so the diarium has no gap and no number
twice. Its files are checked by their bytes (domain/handlingar.py) and stored in the database
with their SHA-256, so a database backup holds the whole case file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict

from inspektion.config import load_settings
from inspektion.db import queries_handlingar
from inspektion.db.queries_handlingar import HandlingRow
from inspektion.db.tables import Document, Handling, HandlingFile
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput, NotFound, StepRefused
from inspektion.domain.handlingar import (
    ANSWERS,
    FileType,
    HandlingKind,
    check_file,
    parse_kind,
)
from inspektion.domain.lifecycle import Step
from inspektion.services import audit
from inspektion.services.cases import case_detail
from inspektion.services.step_frame import (
    StepStart,
    allocate_document_number,
    begin,
    bump_version,
    check_id,
    not_in_future,
    parse_date,
)
from inspektion.services.transactions import write_tx

MAX_FILES = 10
MAX_SENDER = 200
MAX_DESCRIPTION = 2000
LETTER_LABELS = {
    "inspektionsmeddelande": "inspektionsmeddelandet",
    "tillsynsmeddelande": "tillsynsmeddelandet",
    "begaran_komplettering": "begäran om komplettering",
    "underrattelse": "underrättelsen",
    "forelaggande": "föreläggandet",
    "ansokan_utdomande": "ansökan om utdömande",
}


def max_file_bytes() -> int:
    """The per-file cap (INSPEKTION_MAX_FILE_MB, default 25 MB)."""
    return load_settings().max_file_mb * 1_000_000


@dataclass(frozen=True)
class IncomingFile:
    name: str      # as the sender named it; only a cleaned copy is kept
    data: bytes


@dataclass(frozen=True)
class RegisterHandling:
    case_id: int
    kind: str
    received: date | str | None  # as typed (ÅÅÅÅ-MM-DD) or a date; checked here
    sender: str
    description: str
    files: tuple[IncomingFile, ...] = ()
    version: int | None = None
    answers_document_id: int | None = None


@dataclass(frozen=True)
class StoredFile:
    position: int
    name: str
    size: int
    sha256: str
    content_type: str


@dataclass(frozen=True)
class HandlingRegistered:
    id: int
    number: str
    kind: str
    received: date
    answers_document_id: int | None
    version: int
    files: list[StoredFile] = field(default_factory=list)


@dataclass(frozen=True)
class CheckedFile:
    position: int
    name: str
    kind: FileType
    data: bytes
    sha256: str


def _check_text(value: str, name: str, label: str, limit: int, required: bool) -> str:
    words = " ".join((value or "").split())
    if required and not words:
        raise InvalidInput(f"{name}: ange {label}.", name)
    if len(words) > limit:
        raise InvalidInput(f"{name}: {label} får vara högst {limit} tecken.", name)
    return words


def check_files(files: tuple[IncomingFile, ...]) -> list[CheckedFile]:
    if len(files) > MAX_FILES:
        raise InvalidInput(f"file: högst {MAX_FILES} filer per handling; registrera resten "
                           "som en handling till.", "file")
    cap = max_file_bytes()
    out = []
    for position, f in enumerate(files, start=1):
        kind, name = check_file(f.name, f.data, cap, position)
        out.append(CheckedFile(position, name, kind, f.data,
                                hashlib.sha256(f.data).hexdigest()))
    return out


def _letter_day(row: Any) -> date:
    return parse_date(row["sent_on"] or row["created_on"], "date")


@dataclass(frozen=True)
class AnsweredLetter:
    """The outgoing letter an incoming handling answers."""

    id: int
    kind: str
    number: str


def _answered(row: Any) -> AnsweredLetter:
    return AnsweredLetter(int(row["id"]), str(row["kind"]), str(row["number"]))


async def answered_letter(case_id: int, kind: HandlingKind, received: date,
                          document_id: int | None) -> AnsweredLetter | None:
    """The outgoing letter a handling answers: the one named, or the latest of the kinds it
    answers sent on or before it came in. An answer dated before its letter is refused."""
    kinds = ANSWERS[kind]
    if document_id is not None:
        row = await Document.select(Document.id, Document.kind, Document.number,
                                    Document.created_on, Document.sent_on).where(
            (Document.id == document_id) & (Document.case == case_id)).first()
        if row is None or row["kind"] not in LETTER_LABELS:
            raise InvalidInput(f"document_id: brev {document_id} hör inte till ärendet.",
                               "document_id")
        if received < _letter_day(row):
            raise InvalidInput(
                f"received: handlingen kom in {received.isoformat()}, före "
                f"{LETTER_LABELS[row['kind']]} {row['number']} "
                f"({_letter_day(row).isoformat()}) som den svarar på.", "received")
        return _answered(row)
    if not kinds:
        return None
    rows = await Document.select(Document.id, Document.kind, Document.number,
                                 Document.created_on, Document.sent_on).where(
        (Document.case == case_id) & Document.kind.is_in(list(kinds))).order_by(Document.id)
    if not rows:
        wanted = " eller ".join(LETTER_LABELS[k] for k in kinds)
        raise StepRefused(f"En handling av sorten {kind.label.lower()} svarar på {wanted}, och "
                          "inget sådant brev finns i ärendet. Registrera den som övrig "
                          "handling.")
    earlier = [r for r in rows if _letter_day(r) <= received]
    if not earlier:
        first = rows[0]
        raise InvalidInput(
            f"received: handlingen kom in {received.isoformat()}, före "
            f"{LETTER_LABELS[first['kind']]} {first['number']} "
            f"({_letter_day(first).isoformat()}) som den svarar på.", "received")
    return _answered(max(earlier, key=lambda r: (_letter_day(r), r["id"])))


async def store_handling(start: StepStart, actor: Actor | None, kind: HandlingKind,
                         received: date, sender: str, description: str,
                         files: list[CheckedFile],
                         answers: AnsweredLetter | None) -> tuple[int, str]:
    """Number and store one handling with its files inside the action's transaction.

    `actor` None: nobody at AV registered it (the employer sent it through a svarslänk)."""
    seq, number = await allocate_document_number(start.case_id)
    rows = await Handling.insert(Handling(
        case=start.case_id, number=number, seq=seq, kind=kind.value, received=received,
        sender=sender, description=description,
        answers_document=answers.id if answers else None, registered_on=start.today,
        registered_by=actor.user_id if actor else None)).returning(Handling.id)
    handling_id = int(rows[0]["id"])
    for f in files:
        await HandlingFile.insert(HandlingFile(
            handling=handling_id, position=f.position, name=f.name,
            content_type=f.kind.content_type, size=len(f.data), sha256=f.sha256,
            content=f.data))
    return handling_id, number


async def register_handling(actor: Actor, cmd: RegisterHandling) -> HandlingRegistered:
    """One incoming document: checked, numbered, stored with its files, audited — or nothing."""
    kind = parse_kind(cmd.kind)
    sender = _check_text(cmd.sender, "sender", "avsändaren", MAX_SENDER, True)
    description = _check_text(cmd.description, "description", "en kort beskrivning",
                              MAX_DESCRIPTION, True)
    files = check_files(cmd.files)
    async with write_tx():
        start = await begin(cmd.case_id, actor, Step.HANDLING, cmd.version,
                            version_required=False)
        received = parse_date(cmd.received, "received")
        not_in_future(received, start.today, "received")
        opened = parse_date(start.case["opened_on"], "opened_on")
        if received < opened:
            raise InvalidInput(f"received: handlingen kan inte ha kommit in "
                               f"{received.isoformat()}, före ärendet öppnades "
                               f"({opened.isoformat()}).", "received")
        answers = await answered_letter(cmd.case_id, kind, received, cmd.answers_document_id)
        handling_id, number = await store_handling(start, actor, kind, received, sender,
                                                   description, files, answers)
        new_version = await bump_version(start)
        await audit.record(actor, "handling.register", cmd.case_id, {
            "handling_id": handling_id, "number": number, "kind": kind.value,
            "received": received.isoformat(), "sender": sender, "description": description,
            "answers": answers.number if answers else None,
            "files": [{"name": f.name, "size": len(f.data), "sha256": f.sha256}
                      for f in files],
            "version_before": start.case["version"]})
    return HandlingRegistered(
        id=handling_id, number=number, kind=kind.value, received=received,
        answers_document_id=answers.id if answers else None, version=new_version,
        files=[StoredFile(f.position, f.name, len(f.data), f.sha256, f.kind.content_type)
               for f in files])


class HandlingFileItem(TypedDict):
    """A file of a handling as listed: `n` is its place, the last part of its download path."""

    n: int
    name: str
    size: int
    sha256: str
    content_type: str


class HandlingItem(HandlingRow):
    """A handling as the case's pages, the API and the diarium list it."""

    kind_label: str
    files: list[HandlingFileItem]


async def handlingar_of_case(case_id: int) -> list[HandlingItem]:
    """Every handling of a case with its files' metadata (no bytes), oldest first."""
    rows = await queries_handlingar.handlingar_rows(case_id)
    files: dict[int, list[HandlingFileItem]] = {}
    for f in await queries_handlingar.file_rows(case_id):
        files.setdefault(int(f["handling"]), []).append(
            {"n": f["position"], "name": f["name"], "size": f["size"], "sha256": f["sha256"],
             "content_type": f["content_type"]})
    return [{**r, "received": parse_date(r["received"], "received"),
             "kind_label": HandlingKind(r["kind"]).label, "files": files.get(int(r["id"]), [])}
            for r in rows]


async def list_handlingar(actor: Actor, case_id: int) -> list[HandlingItem]:
    await case_detail(actor, case_id)  # the case's own visibility, by role and region
    return await handlingar_of_case(case_id)


@dataclass(frozen=True)
class FileDownload:
    name: str
    content_type: str
    sha256: str
    data: bytes


async def file_of(actor: Actor, case_id: int, handling_id: int, n: int) -> FileDownload:
    await case_detail(actor, case_id)
    check_id(handling_id, "Handling")
    check_id(n, "Fil")
    row = await HandlingFile.select(
        HandlingFile.name, HandlingFile.content_type, HandlingFile.sha256, HandlingFile.content,
    ).where((HandlingFile.handling == handling_id) & (HandlingFile.position == n)
            & (HandlingFile.handling.case == case_id)).first()
    if row is None:
        raise NotFound(f"Handling {handling_id} i ärendet har ingen fil nummer {n}.")
    return FileDownload(row["name"], row["content_type"], row["sha256"], bytes(row["content"]))

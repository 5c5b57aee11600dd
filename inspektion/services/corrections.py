"""Correcting or withdrawing a krav or a meeting before the letter that carries it is sent.

Each action: one transaction, the case's version checked and bumped, one audit event with
the values before and after (so a colleague who saved on an older version can be shown
what changed; see web/conflicts.py).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, TypedDict, cast

from inspektion import clock
from inspektion.db import search
from inspektion.db.queries_cases import MeetingRow, ParticipantRow
from inspektion.db.tables import Campaign, Case, Document, Krav, KravAssessment, Meeting
from inspektion.domain.access import Actor, require_case_access
from inspektion.domain.corrections import (
    CORRECTABLE_MEETINGS,
    IssuedLetter,
    check_krav_correctable,
    check_meeting_correctable,
    letter_with_krav,
    letter_with_meeting,
)
from inspektion.domain.errors import InvalidInput, NotFound, StaleVersion, StepRefused
from inspektion.domain.krav import check_effektmal
from inspektion.domain.lifecycle import Step, check_role
from inspektion.services import audit, reference
from inspektion.services.cases import CasePage, KravItem
from inspektion.services.krav import MAX_TEXT
from inspektion.services.meetings import Participant, checked_participants
from inspektion.services.step_frame import (
    MAX_ID,
    STALE,
    CaseFileRow,
    KravOfCase,
    load_case,
    not_in_future,
    parse_date,
)
from inspektion.services.transactions import write_tx


class Unset(enum.Enum):
    """A patch's field that was not sent: it stays as it is (None is a value: "clear it")."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


@dataclass(frozen=True)
class KravPatch:
    """The fields to change; a field left UNSET stays as it is."""

    text: str | Unset | None = UNSET
    brist: str | Unset | None = UNSET
    citations: list[str] | Unset | None = UNSET
    effektmal: int | Unset | None = UNSET


@dataclass(frozen=True)
class MeetingPatch:
    """As KravPatch; `date` as a date or as typed (ÅÅÅÅ-MM-DD), checked here."""

    date: date | str | Unset | None = UNSET
    participants: tuple[Participant, ...] | Unset | None = UNSET
    notes: str | Unset | None = UNSET
    arbetsomrade: str | Unset | None = UNSET


class CorrectedFields(TypedDict, total=False):
    """The values of a krav or a meeting before or after a correction: only the fields that
    changed (a withdrawal's `before` holds them all, with the krav's number or the kind)."""

    number: int
    kind: str
    text: str
    brist: str
    citations: list[str]
    effektmal: int | None
    date: str
    participants: list[ParticipantRow]
    notes: str
    arbetsomrade: str | None


@dataclass(frozen=True)
class Corrected:
    id: int
    version: int
    before: CorrectedFields = field(default_factory=lambda: CorrectedFields())
    after: CorrectedFields = field(default_factory=lambda: CorrectedFields())


class MeetingOfCase(TypedDict):
    """A meeting row with all its columns, its case's id among them."""

    id: int
    case: int
    kind: str
    date: date
    arbetsomrade: str | None
    participants: list[ParticipantRow]
    notes: str


async def _start(actor: Actor, case_id: int, version: int | None) -> CaseFileRow:
    """Role, case, region, version and archive, in the order of services/step_frame.begin."""
    check_role(Step.KRAV, actor.role)
    if not 0 < case_id <= MAX_ID:
        raise NotFound("Ärendet finns inte.")
    case = await load_case(case_id)
    require_case_access(actor, case["region_code"])
    if version is None:
        raise InvalidInput("Ange ärendets version (fältet version eller If-Match).", "version")
    if version != case["version"]:
        raise StaleVersion(STALE)
    if await Campaign.exists().where((Campaign.id == case["campaign"])
                                     & (Campaign.archived == True)):  # noqa: E712
        raise StepRefused("Ärendet hör till en arkiverad kampanj; det är ett underlag och "
                          "ändras inte längre.")
    if case["status"] == "avslutad":
        raise StepRefused("Ärendet är avslutat och ändras inte längre.")
    return case


async def _bump(case: CaseFileRow) -> int:
    done = await Case.update({Case.version: Case.version + 1,
                              Case.last_activity_on: clock.today()}).where(
        (Case.id == case["id"]) & (Case.version == case["version"])).returning(Case.version)
    if not done:
        raise StaleVersion(STALE)
    return int(done[0]["version"])


async def issued_letters(case_id: int) -> list[IssuedLetter]:
    rows = await Document.select(Document.number, Document.kind, Document.created_on,
                                 Document.payload).where(Document.case == case_id).order_by(
        Document.id).output(load_json=True)
    out = []
    for r in rows:
        payload = r["payload"] if isinstance(r["payload"], dict) else {}
        meetings = payload.get("meeting_ids")
        out.append(IssuedLetter(
            number=r["number"], kind=r["kind"], created_on=r["created_on"],
            krav_ids=frozenset(int(k) for k in payload.get("krav_ids") or []),
            meeting_ids=None if meetings is None else frozenset(int(m) for m in meetings)))
    return out


async def _krav_row(case_id: int, krav_id: int) -> KravOfCase:
    if not 0 < krav_id <= MAX_ID:
        raise NotFound("Kravet finns inte i ärendet.")
    row = await Krav.select().where((Krav.id == krav_id) & (Krav.case == case_id)).output(
        load_json=True).first()
    if row is None:
        raise NotFound("Kravet finns inte i ärendet.")
    return cast(KravOfCase, dict(row))  # all of Krav's columns


async def edit_krav(actor: Actor, case_id: int, krav_id: int, version: int | None,
                    patch: KravPatch) -> Corrected:
    async with write_tx():
        case = await _start(actor, case_id, version)
        row = await _krav_row(case_id, krav_id)
        check_krav_correctable(row["number"], letter_with_krav(krav_id,
                                                               await issued_letters(case_id)))
        values: dict[Any, Any] = {}
        after: CorrectedFields = {}
        if patch.text is not UNSET:
            text = str(patch.text or "").strip()
            if not text:
                raise InvalidInput("Skriv kravets text.", "text")
            if len(text) > MAX_TEXT:
                raise InvalidInput(f"Kravtexten får vara högst {MAX_TEXT} tecken.", "text")
            values[Krav.text] = after["text"] = text
        if patch.brist is not UNSET:
            values[Krav.brist] = after["brist"] = str(patch.brist or "").strip()[:MAX_TEXT]
        if patch.citations is not UNSET:
            catalogue = await reference.catalogue()
            values[Krav.citations] = after["citations"] = catalogue.check_citations(
                list(patch.citations or []), clock.today())
        if patch.effektmal is not UNSET:
            check_effektmal(patch.effektmal)
            values[Krav.effektmal] = after["effektmal"] = patch.effektmal
        if not values:
            raise InvalidInput("Ange något att ändra: text, brist, citations eller effektmal.",
                               "text")
        before, changed = _krav_changes(row, after)
        await Krav.update(values).where(Krav.id == krav_id)
        await search.refresh([case_id])
        new_version = await _bump(case)
        await audit.record(actor, "krav.edit", case_id, {
            "krav_id": krav_id, "number": row["number"], "version_before": case["version"],
            "before": before, "after": changed})
    return Corrected(krav_id, new_version, before, changed)


def _krav_changes(row: KravOfCase,
                  after: CorrectedFields) -> tuple[CorrectedFields, CorrectedFields]:
    """The fields set that differ from the row: their values before, and after."""
    before: CorrectedFields = {}
    changed: CorrectedFields = {}
    if "text" in after and after["text"] != row["text"]:
        before["text"], changed["text"] = row["text"], after["text"]
    if "brist" in after and after["brist"] != row["brist"]:
        before["brist"], changed["brist"] = row["brist"], after["brist"]
    if "citations" in after and after["citations"] != row["citations"]:
        before["citations"], changed["citations"] = row["citations"], after["citations"]
    if "effektmal" in after and after["effektmal"] != row["effektmal"]:
        before["effektmal"], changed["effektmal"] = row["effektmal"], after["effektmal"]
    return before, changed


async def withdraw_krav(actor: Actor, case_id: int, krav_id: int,
                        version: int | None) -> Corrected:
    """The krav goes; the ones after it move up, so the letter numbers them without a gap."""
    async with write_tx():
        case = await _start(actor, case_id, version)
        row = await _krav_row(case_id, krav_id)
        check_krav_correctable(row["number"], letter_with_krav(krav_id,
                                                               await issued_letters(case_id)))
        await Krav.delete().where(Krav.id == krav_id)
        later = await Krav.select(Krav.id, Krav.number).where(
            (Krav.case == case_id) & (Krav.number > row["number"])).order_by(Krav.number)
        for k in later:
            await Krav.update({Krav.number: k["number"] - 1}).where(Krav.id == k["id"])
        await search.refresh([case_id])
        new_version = await _bump(case)
        before: CorrectedFields = {
            "number": row["number"], "text": row["text"], "brist": row["brist"],
            "citations": row["citations"], "effektmal": row["effektmal"]}
        await audit.record(actor, "krav.withdraw", case_id, {
            "krav_id": krav_id, "number": row["number"], "version_before": case["version"],
            "before": before, "after": None,
            "renumbered": [{"krav_id": k["id"], "before": k["number"],
                            "after": k["number"] - 1} for k in later]})
    return Corrected(krav_id, new_version, before, {})


async def _meeting_row(case_id: int, meeting_id: int) -> MeetingOfCase:
    if not 0 < meeting_id <= MAX_ID:
        raise NotFound("Mötet finns inte i ärendet.")
    row = await Meeting.select().where((Meeting.id == meeting_id) & (Meeting.case == case_id)
                                       ).output(load_json=True).first()
    if row is None:
        raise NotFound("Mötet finns inte i ärendet.")
    return cast(MeetingOfCase, dict(row))  # all of Meeting's columns


async def _no_assessments(meeting_id: int) -> None:
    """Krav assessed at a follow-up visit are dated by it; such a visit stays as it is."""
    if await KravAssessment.exists().where(KravAssessment.meeting == meeting_id):
        raise StepRefused("Vid besöket bedömdes krav; ett besök med bedömningar ändras inte "
                          "och dras inte tillbaka.")


def _iso(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else value


async def edit_meeting(actor: Actor, case_id: int, meeting_id: int, version: int | None,
                       patch: MeetingPatch) -> Corrected:
    async with write_tx():
        case = await _start(actor, case_id, version)
        row = await _meeting_row(case_id, meeting_id)
        check_meeting_correctable(row["kind"], letter_with_meeting(
            meeting_id, row["date"], await issued_letters(case_id)))
        await _no_assessments(meeting_id)
        values: dict[Any, Any] = {}
        after: CorrectedFields = {}
        if patch.date is not UNSET:
            day = parse_date(patch.date, "date")
            not_in_future(day, clock.today(), "date")
            values[Meeting.date] = day
            after["date"] = day.isoformat()
        if patch.participants is not UNSET:
            values[Meeting.participants] = after["participants"] = checked_participants(
                patch.participants or ())
        if patch.notes is not UNSET:
            values[Meeting.notes] = after["notes"] = str(patch.notes or "")[:MAX_TEXT]
        if patch.arbetsomrade is not UNSET:
            values[Meeting.arbetsomrade] = after["arbetsomrade"] = (
                str(patch.arbetsomrade or "").strip() or None)
        if not values:
            raise InvalidInput("Ange något att ändra: date, participants, notes eller "
                               "arbetsomrade.", "date")
        before, changed = _meeting_changes(row, after)
        await Meeting.update(values).where(Meeting.id == meeting_id)
        new_version = await _bump(case)
        await audit.record(actor, "meeting.edit", case_id, {
            "meeting_id": meeting_id, "kind": row["kind"], "version_before": case["version"],
            "before": before, "after": changed})
    return Corrected(meeting_id, new_version, before, changed)


def _meeting_changes(row: MeetingOfCase,
                     after: CorrectedFields) -> tuple[CorrectedFields, CorrectedFields]:
    """As _krav_changes; the date compared and kept as ÅÅÅÅ-MM-DD."""
    before: CorrectedFields = {}
    changed: CorrectedFields = {}
    if "date" in after and after["date"] != _iso(row["date"]):
        before["date"], changed["date"] = _iso(row["date"]), after["date"]
    if "participants" in after and after["participants"] != row["participants"]:
        before["participants"] = row["participants"]
        changed["participants"] = after["participants"]
    if "notes" in after and after["notes"] != row["notes"]:
        before["notes"], changed["notes"] = row["notes"], after["notes"]
    if "arbetsomrade" in after and after["arbetsomrade"] != row["arbetsomrade"]:
        before["arbetsomrade"], changed["arbetsomrade"] = row["arbetsomrade"], after[
            "arbetsomrade"]
    return before, changed


async def withdraw_meeting(actor: Actor, case_id: int, meeting_id: int,
                           version: int | None) -> Corrected:
    async with write_tx():
        case = await _start(actor, case_id, version)
        row = await _meeting_row(case_id, meeting_id)
        check_meeting_correctable(row["kind"], letter_with_meeting(
            meeting_id, row["date"], await issued_letters(case_id)))
        await _no_assessments(meeting_id)
        await Meeting.delete().where(Meeting.id == meeting_id)
        new_version = await _bump(case)
        before: CorrectedFields = {
            "kind": row["kind"], "date": _iso(row["date"]),
            "participants": row["participants"], "notes": row["notes"],
            "arbetsomrade": row["arbetsomrade"]}
        await audit.record(actor, "meeting.withdraw", case_id, {
            "meeting_id": meeting_id, "kind": row["kind"], "version_before": case["version"],
            "before": before, "after": None})
    return Corrected(meeting_id, new_version, before, {})


@dataclass(frozen=True)
class Correctable:
    """Which krav and meetings of a case may still be corrected (the case page's links)."""

    krav_ids: frozenset[int]
    meeting_ids: frozenset[int]


async def correctable(actor: Actor, case: CasePage) -> Correctable:
    """From the case page's rows (services.cases.case_detail) and the issued letters."""
    if actor.role.value != "inspektor" or case["status"] == "avslutad":
        return Correctable(frozenset(), frozenset())
    if await Campaign.exists().where((Campaign.id == case["campaign_id"])
                                     & (Campaign.archived == True)):  # noqa: E712
        return Correctable(frozenset(), frozenset())
    letters = await issued_letters(int(case["id"]))
    krav = frozenset(int(k["id"]) for k in case["krav"]
                     if letter_with_krav(int(k["id"]), letters) is None)
    meetings = frozenset(
        int(m["id"]) for m in case["meetings"]
        if m["kind"] in CORRECTABLE_MEETINGS
        and letter_with_meeting(int(m["id"]), _as_date(m["date"]), letters) is None)
    return Correctable(krav, meetings)


async def why_locked(actor: Actor, case: CasePage, what: str,
                     item: KravItem | MeetingRow) -> str | None:
    """Why a krav (`what` "krav") or a meeting of the case page can no longer be corrected by
    this user, in the words the service would refuse it with; None while it can."""
    fix = await correctable(actor, case)
    if int(item["id"]) in (fix.krav_ids if what == "krav" else fix.meeting_ids):
        return None
    if actor.role.value != "inspektor":
        return "Krav och möten ändras av ärendets inspektörer."
    if case["status"] == "avslutad":
        return "Ärendet är avslutat och ändras inte längre."
    letters = await issued_letters(int(case["id"]))
    try:
        if "number" in item:  # a krav (`what` "krav")
            check_krav_correctable(int(item["number"]),
                                   letter_with_krav(int(item["id"]), letters))
        else:
            check_meeting_correctable(str(item["kind"]), letter_with_meeting(
                int(item["id"]), _as_date(item["date"]), letters))
    except StepRefused as exc:
        return str(exc)
    return ("Ärendet hör till en arkiverad kampanj; det är ett underlag och ändras inte "
            "längre.")


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])

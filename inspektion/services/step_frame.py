"""The common frame of every step on a case: who, which case, which version, is it allowed.

Order matters and is the contract's: a role that may never take the step is refused first
(403), then an unknown case (404), a case outside the user's region (403), a stale version
(409), and last a step the lifecycle refuses now (409 with the reason).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict, cast

from inspektion import clock
from inspektion.db.counters import bump_case_version, next_document_seq
from inspektion.db.queries_cases import KravRow
from inspektion.db.queries_facts import FactRow, fact_rows
from inspektion.db.tables import Campaign, Case, Document, Krav
from inspektion.domain.access import Actor, require_case_access
from inspektion.domain.errors import InvalidInput, NotFound, StaleVersion, StepRefused
from inspektion.domain.lifecycle import CaseFacts, CaseStatus, Method, Step, check_role, check_step
from inspektion.services.transactions import acted, changed, touched

STALE = ("Ärendet har ändrats av någon annan sedan du läste in det. "
         "Läs in det igen och försök på nytt.")


class CaseKey(TypedDict):
    """What the lifecycle's facts need of a case row besides its FactRow; a case as read
    here, a row of the case list and the case page all carry it."""

    id: int
    method: str
    status: str


class CaseFileRow(CaseKey):
    """A case_file row as a step reads it (load_case): its own columns, ids for its links,
    and its region's code."""

    diarienummer: str
    version: int
    campaign: int
    kommun: int
    region: int
    workplace: int
    inspector1: int | None
    inspector2: int | None
    opened_on: date
    closed_on: date | None
    last_activity_on: date
    doc_seq: int
    inspector_proposal: str
    svar_senast: date | None
    region_code: str


class DocumentRef(TypedDict):
    """A document named by a step (document_of_case): enough to check it and cite it."""

    id: int
    kind: str
    number: str
    sent_on: date | None
    served_on: date | None


class KravOfCase(KravRow):
    """A krav row with all its columns (krav_of_case), its case's id among them."""

    case: int


class StatusChange(TypedDict):
    before: str
    after: str


class Transition(TypedDict):
    """The status before and after a step, and the version it was taken on (audit trail)."""

    status: StatusChange
    version_before: int


@dataclass(frozen=True)
class StepStart:
    case: CaseFileRow
    new_status: CaseStatus
    today: date

    @property
    def case_id(self) -> int:
        return int(self.case["id"])

    def transition(self) -> Transition:
        """The status before and after, for the audit trail."""
        return {"status": {"before": self.case["status"], "after": self.new_status.value},
                "version_before": self.case["version"]}


MAX_ID = 2**31 - 1  # an id column's range (32-bit on PostgreSQL); a larger number is no row


def check_id(value: int, what: str = "Ärende") -> None:
    if not 0 < value <= MAX_ID:
        raise NotFound(f"{what} {value} finns inte.")


async def load_case(case_id: int) -> CaseFileRow:
    check_id(case_id)
    row = await Case.select(
        *Case.all_columns(), Case.region.code.as_alias("region_code"),
    ).where(Case.id == case_id).first()
    if row is None:
        raise NotFound(f"Ärende {case_id} finns inte.")
    return cast(CaseFileRow, dict(row))  # all of Case's columns, and the region's code


def facts_of(case: CaseKey, row: FactRow, today: date) -> CaseFacts:
    """The lifecycle's facts of a case row (method, status) and its FactRow."""
    return CaseFacts(
        method=Method(case["method"]), status=CaseStatus(case["status"]), today=today,
        krav_total=row.krav_total, krav_open=row.krav_open,
        gruppsamtal_count=row.gruppsamtal_count,
        underrattelse_svar_senast=row.underrattelse_svar_senast,
        forelaggande_deadline=row.forelaggande_deadline,
        forelaggande_served=row.forelaggande_served,
        forelaggande_vite_sek=row.forelaggande_vite_sek,
        formote_count=row.formote_count,
    )


async def facts_of_cases(cases: Sequence[CaseKey], today: date) -> dict[int, CaseFacts]:
    """The facts of many cases (a list page) in the same one query as one case."""
    rows = await fact_rows([int(c["id"]) for c in cases])
    return {int(c["id"]): facts_of(c, rows.get(int(c["id"]), FactRow()), today)
            for c in cases}


async def case_facts(case: CaseKey, today: date) -> CaseFacts:
    return (await facts_of_cases([case], today))[int(case["id"])]


async def begin(case_id: int, actor: Actor, step: Step, expected_version: int | None,
                version_required: bool = True) -> StepStart:
    """Call inside the action's transaction.

    `version_required=False` is for additions that cannot clash with another user's change
    (an incoming document is registered whatever else happened); a version sent is still
    checked."""
    check_role(step, actor.role)
    case = await load_case(case_id)
    require_case_access(actor, case["region_code"])
    if expected_version is None and version_required:
        raise InvalidInput("Ange ärendets version (fältet version eller If-Match).", "version")
    if expected_version is not None and expected_version != case["version"]:
        raise StaleVersion(STALE)
    if await Campaign.exists().where((Campaign.id == case["campaign"])
                                     & (Campaign.archived == True)):  # noqa: E712
        raise StepRefused("Ärendet hör till en arkiverad kampanj; det är ett underlag och "
                          "ändras inte längre.")
    today = clock.today()
    new_status = check_step(step, actor.role, await case_facts(case, today))
    acted(case_id, actor, step)
    return StepStart(case, new_status, today)


async def commit(start: StepStart, **changes: date | int | str | None) -> int:
    """Bump the version (only if nobody else did first), set the status; the new version."""
    values: dict[Any, Any] = {Case.status: start.new_status.value,
                              Case.version: Case.version + 1,
                              Case.last_activity_on: start.today}
    for name, value in changes.items():
        values[getattr(Case, name)] = value
    done = await Case.update(values).where(
        (Case.id == start.case_id) & (Case.version == start.case["version"])
    ).returning(Case.version)
    if not done:
        raise StaleVersion(STALE)
    touched(start.case_id)
    return int(done[0]["version"])


async def bump_version(start: StepStart) -> int:
    """The new version after an addition that does not depend on the version read (see
    begin's `version_required`); the status is left as it is."""
    changed(start.case_id)
    return await bump_case_version(start.case_id, start.today)


async def allocate_document_number(case_id: int) -> tuple[int, str]:
    """The case's next document number `YYYY/NNNNNN-N`, for a letter out or a handling in.

    One atomic statement on the case row, so on PostgreSQL a concurrent caller waits for the
    row lock and then counts on from the number just taken, and on SQLite the IMMEDIATE
    transaction already serialises writers: no number twice, and a rolled-back action gives
    its number back (no gap). Call inside the action's transaction.
    """
    taken = await next_document_seq(case_id)
    if taken is None:
        raise NotFound(f"Ärende {case_id} finns inte.")
    seq, diarienummer = taken
    return seq, f"{diarienummer}-{seq}"


async def next_document_number(start: StepStart) -> tuple[int, str]:
    """The next number of the step's case (see allocate_document_number)."""
    return await allocate_document_number(start.case_id)


def parse_date(value: date | str | None, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        if value is None or str(value).strip() == "":
            raise InvalidInput("Ange ett datum (ÅÅÅÅ-MM-DD).", field) from None
        raise InvalidInput(f"”{str(value)[:40]}” är inget datum; skriv det som ÅÅÅÅ-MM-DD.",
                           field) from None


def not_in_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise InvalidInput(f"{day.isoformat()} ligger i framtiden; registrera det som har hänt.",
                           field)


def in_future(day: date, today: date, field: str) -> None:
    if day <= today:
        raise InvalidInput(f"Datumet måste ligga efter i dag ({today.isoformat()}).", field)


async def krav_of_case(case_id: int, krav_ids: list[int]) -> list[KravOfCase]:
    if not krav_ids:
        raise InvalidInput("Välj minst ett krav.", "krav_ids")
    rows = await Krav.select().where(Krav.case == case_id).output(load_json=True)
    by_id = {r["id"]: r for r in rows}
    missing = [k for k in krav_ids if k not in by_id]
    if missing:
        raise InvalidInput("Ett av de valda kraven hör inte (längre) till ärendet; läs in "
                           "sidan igen och välj på nytt.", "krav_ids")
    return [cast(KravOfCase, by_id[k]) for k in dict.fromkeys(krav_ids)]  # Krav's columns


async def document_of_case(case_id: int, document_id: int) -> DocumentRef:
    row = await Document.select(
        Document.id, Document.kind, Document.number, Document.sent_on, Document.served_on,
    ).where((Document.id == document_id) & (Document.case == case_id)).first()
    if row is None:
        raise InvalidInput("Det valda dokumentet hör inte till ärendet; välj ett ur listan.",
                           "document_id")
    return cast(DocumentRef, dict(row))  # the five columns selected

"""The common frame of every step on a case: who, which case, which version, is it allowed.

Order matters and is the contract's: a role that may never take the step is refused first
(403), then an unknown case (404), a case outside the user's region (403), a stale version
(409), and last a step the lifecycle refuses now (409 with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from inspektion import clock
from inspektion.db.tables import Campaign, Case, Decision, Document, Krav
from inspektion.domain.access import Actor, require_case_access
from inspektion.domain.errors import InvalidInput, NotFound, StaleVersion, StepRefused
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import CaseFacts, CaseStatus, Method, Step, check_role, check_step
from inspektion.services.transactions import acted, touched

STALE = ("Ärendet har ändrats av någon annan sedan du läste in det. "
         "Läs in det igen och försök på nytt.")


@dataclass(frozen=True)
class StepStart:
    case: dict[str, Any]
    new_status: CaseStatus
    today: date

    @property
    def case_id(self) -> int:
        return int(self.case["id"])

    def transition(self) -> dict[str, Any]:
        """The status before and after, for the audit trail."""
        return {"status": {"before": self.case["status"], "after": self.new_status.value},
                "version_before": self.case["version"]}


MAX_ID = 2**31 - 1  # an id column's range (32-bit on PostgreSQL); a larger number is no row


def check_id(value: int, what: str = "Ärende") -> None:
    if not 0 < value <= MAX_ID:
        raise NotFound(f"{what} {value} finns inte.")


async def load_case(case_id: int) -> dict[str, Any]:
    check_id(case_id)
    row = await Case.select(
        *Case.all_columns(), Case.region.code.as_alias("region_code"),
    ).where(Case.id == case_id).first()
    if row is None:
        raise NotFound(f"Ärende {case_id} finns inte.")
    return dict(row)


# Every step and every case page asks for the facts: two plain queries written once instead
# of four built per call (bench/README.md, "API").
_KRAV_STATES_SQL = 'SELECT state, COUNT(*) AS n FROM krav WHERE "case" = {} GROUP BY state'
_DECISION_FACTS_SQL = (
    'SELECT (SELECT COUNT(*) FROM gruppsamtal_summary WHERE "case" = {}) AS groups, '
    '(SELECT d.svar_senast FROM decision d WHERE d."case" = {} AND d.kind = \'underrattelse\' '
    'ORDER BY d.id DESC LIMIT 1) AS under_svar, '
    '(SELECT d.id FROM decision d WHERE d."case" = {} AND d.kind = \'forelaggande\' '
    'ORDER BY d.id DESC LIMIT 1) AS fore_id, '
    '(SELECT COUNT(*) FROM meeting m WHERE m."case" = {} AND m.kind = \'formote\') AS formoten')
_FORE_SQL = ('SELECT d.deadline, d.vite_sek, doc.served_on FROM decision d '
             'LEFT JOIN document doc ON doc.id = d.document WHERE d.id = {}')


def _day(value: Any) -> date | None:
    """A date; SQLite hands back a scalar subquery's date as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


async def case_facts(case: dict[str, Any], today: date) -> CaseFacts:
    case_id = int(case["id"])
    states = await Krav.raw(_KRAV_STATES_SQL, case_id)
    facts = (await Decision.raw(_DECISION_FACTS_SQL, case_id, case_id, case_id, case_id))[0]
    fore = (await Decision.raw(_FORE_SQL, facts["fore_id"]))[0] if facts["fore_id"] else None
    return CaseFacts(
        method=Method(case["method"]), status=CaseStatus(case["status"]), today=today,
        krav_total=sum(int(r["n"]) for r in states),
        krav_open=sum(int(r["n"]) for r in states if KravState(r["state"]).is_open),
        gruppsamtal_count=int(facts["groups"]),
        underrattelse_svar_senast=_day(facts["under_svar"]),
        forelaggande_deadline=_day(fore["deadline"]) if fore else None,
        forelaggande_served=bool(fore and fore["served_on"]),
        forelaggande_vite_sek=fore["vite_sek"] if fore else None,
        formote_count=int(facts["formoten"]),
    )


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


async def commit(start: StepStart, **changes: Any) -> int:
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
    done = await Case.raw('UPDATE case_file SET version = version + 1, last_activity_on = {} '
                          'WHERE id = {} RETURNING version', start.today, start.case_id)
    return int(done[0]["version"])


async def allocate_document_number(case_id: int) -> tuple[int, str]:
    """The case's next document number `YYYY/NNNNNN-N`, for a letter out or a handling in.

    One atomic statement on the case row, so on PostgreSQL a concurrent caller waits for the
    row lock and then counts on from the number just taken, and on SQLite the IMMEDIATE
    transaction already serialises writers: no number twice, and a rolled-back action gives
    its number back (no gap). Call inside the action's transaction.
    """
    rows = await Case.raw('UPDATE case_file SET doc_seq = doc_seq + 1 WHERE id = {} '
                          'RETURNING doc_seq, diarienummer', case_id)
    if not rows:
        raise NotFound(f"Ärende {case_id} finns inte.")
    seq = int(rows[0]["doc_seq"])
    return seq, f"{rows[0]['diarienummer']}-{seq}"


async def next_document_number(start: StepStart) -> tuple[int, str]:
    """The next number of the step's case (see allocate_document_number)."""
    return await allocate_document_number(start.case_id)


def parse_date(value: Any, field: str) -> date:
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


async def krav_of_case(case_id: int, krav_ids: list[int]) -> list[dict[str, Any]]:
    if not krav_ids:
        raise InvalidInput("Välj minst ett krav.", "krav_ids")
    rows = await Krav.select().where(Krav.case == case_id).output(load_json=True)
    by_id = {r["id"]: r for r in rows}
    missing = [k for k in krav_ids if k not in by_id]
    if missing:
        raise InvalidInput("Ett av de valda kraven hör inte (längre) till ärendet; läs in "
                           "sidan igen och välj på nytt.", "krav_ids")
    return [by_id[k] for k in dict.fromkeys(krav_ids)]


async def document_of_case(case_id: int, document_id: int) -> dict[str, Any]:
    row = await Document.select(
        Document.id, Document.kind, Document.number, Document.sent_on, Document.served_on,
    ).where((Document.id == document_id) & (Document.case == case_id)).first()
    if row is None:
        raise InvalidInput("Det valda dokumentet hör inte till ärendet; välj ett ur listan.",
                           "document_id")
    return dict(row)

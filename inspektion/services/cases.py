"""Opening, listing, reading, assigning and closing cases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from inspektion import clock
from inspektion.db import queries_cases, search
from inspektion.db.limits import check_fits
from inspektion.db.pool import one_connection
from inspektion.db.queries_cases import (
    After,
    AssessmentRow,
    CaseFilter,
    CaseListRow,
    CaseRow,
    DecisionRow,
    DocumentRow,
    GruppsamtalRow,
    KravRow,
    MeetingRow,
)
from inspektion.db.queries_facts import as_date
from inspektion.db.tables import (
    Campaign,
    Case,
    Kommun,
    User,
    Workplace,
)
from inspektion.domain.access import Actor, require_case_access, visible_region
from inspektion.domain.employer import KommunLegal, LegalPerson, resolve_employer
from inspektion.domain.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
    StaleVersion,
    StepRefused,
)
from inspektion.domain.krav import KravState, Outcome
from inspektion.domain.lifecycle import (
    CaseStatus,
    Method,
    Step,
    check_role,
    offered,
    step_options,
)
from inspektion.domain.reminder_rules import overdue_if_due_before
from inspektion.domain.roles import Role
from inspektion.services import audit, notices
from inspektion.services.numbering import next_diarienummer
from inspektion.services.step_frame import MAX_ID, STALE, begin, check_id, commit, facts_of
from inspektion.services.transactions import write_tx

MAX_PAGE = 200


DEFAULT_NAMND = "Socialnämnden"


async def _legal_person(kommun: dict[str, Any], employer: str, org_nr: str) -> LegalPerson:
    """The employer as registered: the municipality from reference data, or as given."""
    by_orgnr: dict[str, KommunLegal] = {}
    if org_nr.strip():
        by_orgnr = {r["organisationsnummer"]: KommunLegal(r["namn"], r["juridiskt_namn"],
                                                          r["organisationsnummer"])
                    for r in await Kommun.select(Kommun.namn, Kommun.juridiskt_namn,
                                                 Kommun.organisationsnummer)
                    if r["organisationsnummer"]}
    own = KommunLegal(kommun["namn"], kommun["juridiskt_namn"], kommun["organisationsnummer"])
    return resolve_employer(own, employer, org_nr, by_orgnr)


async def _inspector_id(username: str | None, region: str) -> int | None:
    if not username:
        return None
    row = await User.select(User.id, User.role, User.region.code.as_alias("region")
                            ).where(User.username == username).first()
    if row is None or row["role"] != Role.INSPEKTOR.value:
        raise InvalidInput("Välj en inspektör ur listan.", "inspektor2")
    if row["region"] != region:
        raise InvalidInput(f"Den valda inspektören arbetar inte i region {region}.",
                           "inspektor2")
    return int(row["id"])


@dataclass(frozen=True)
class Arbetsstalle:
    """The workplace a case is opened for; empty employer and org_nr mean the municipality."""

    name: str
    address: str = ""
    employer: str = ""
    org_nr: str = ""
    namnd: str = ""


@dataclass(frozen=True)
class OpenCase:
    """Open a case (the API's OpenCase body, the page "Nytt ärende")."""

    campaign_id: int
    kommunkod: str
    arbetsstalle: Arbetsstalle
    method: str
    inspektor1: str | None = None
    inspektor2: str | None = None


@dataclass(frozen=True)
class CaseOpened:
    id: int
    diarienummer: str
    status: str
    version: int


@dataclass(frozen=True)
class SetEmployer:
    """Correct the employer; `namnd` None keeps the nämnd, "" sets the default."""

    case_id: int
    version: int | None
    employer: str
    org_nr: str
    namnd: str | None = None


@dataclass(frozen=True)
class EmployerSet:
    id: int
    version: int
    employer: str
    org_nr: str
    namnd: str


@dataclass(frozen=True)
class Assign:
    case_id: int
    version: int | None
    inspektor1: str
    inspektor2: str | None = None


@dataclass(frozen=True)
class ProposeToJurist:
    case_id: int
    version: int | None
    text: str


@dataclass(frozen=True)
class CloseCase:
    case_id: int
    version: int | None


@dataclass(frozen=True)
class CaseChanged:
    """A step on a case that only moves its version (and perhaps its status)."""

    id: int
    version: int
    status: str | None = None


async def open_case(actor: Actor, cmd: OpenCase) -> CaseOpened:
    campaign_id, kommunkod, place = cmd.campaign_id, cmd.kommunkod, cmd.arbetsstalle
    method, inspektor1, inspektor2 = cmd.method, cmd.inspektor1, cmd.inspektor2
    arbetsstalle = {"name": place.name, "address": place.address, "employer": place.employer,
                    "org_nr": place.org_nr, "namnd": place.namnd}
    if actor.role not in (Role.INSPEKTOR, Role.SAMORDNARE):
        raise Forbidden("Endast inspektör eller samordnare får öppna ärenden.")
    try:
        parsed_method = Method(method)
    except ValueError:
        raise InvalidInput("Välj metod: fokusinspektion eller tvåstegsmetoden.",
                           "method") from None
    name = (arbetsstalle.get("name") or "").strip()
    if not name:
        raise InvalidInput("Ange arbetsställets namn.", "arbetsstalle")
    check_fits("arbetsstalle", name, Workplace.name, "Arbetsställets namn")
    check_fits("arbetsstalle.address", (arbetsstalle.get("address") or "").strip(),
               Workplace.address, "Adressen")
    check_fits("arbetsstalle.employer", (arbetsstalle.get("employer") or "").strip(),
               Workplace.employer, "Arbetsgivaren")
    check_fits("arbetsstalle.namnd", (arbetsstalle.get("namnd") or "").strip(),
               Workplace.namnd, "Nämnden")
    kommun = await Kommun.select(Kommun.id, Kommun.namn, Kommun.juridiskt_namn,
                                 Kommun.organisationsnummer, Kommun.region.code.as_alias("region"),
                                 Kommun.region.id.as_alias("region_id")
                                 ).where(Kommun.kommunkod == kommunkod).first()
    if kommun is None:
        raise InvalidInput("Välj kommun." if not (kommunkod or "").strip() else
                           "Välj en kommun ur listan.", "kommunkod")
    require_case_access(actor, kommun["region"])
    legal = await _legal_person(kommun, arbetsstalle.get("employer") or "",
                                arbetsstalle.get("org_nr") or "")
    namnd = " ".join((arbetsstalle.get("namnd") or "").split()) or DEFAULT_NAMND
    campaign = await Campaign.select().where(Campaign.id == campaign_id).first()
    if campaign is None:
        raise InvalidInput("Välj en kampanj ur listan.", "campaign_id")
    today = clock.today()
    if today > campaign["end"]:
        raise InvalidInput(f"Kampanjen {campaign['name']} avslutades {campaign['end']}.",
                           "campaign_id")
    first = actor.user_id if actor.role is Role.INSPEKTOR else None
    if inspektor1:
        first = await _inspector_id(inspektor1, kommun["region"])
    async with write_tx():
        second = await _inspector_id(inspektor2, kommun["region"])
        wp = await Workplace.insert(Workplace(
            name=name, address=(arbetsstalle.get("address") or "").strip(), kommun=kommun["id"],
            employer=legal.name, org_nr=legal.orgnr, namnd=namnd)).returning(Workplace.id)
        _seq, diarienummer = await next_diarienummer(today.year)
        rows = await Case.insert(Case(
            diarienummer=diarienummer, method=parsed_method.value,
            status=CaseStatus.PLANERAD.value, version=1, campaign=campaign_id,
            kommun=kommun["id"], region=kommun["region_id"], workplace=wp[0]["id"],
            inspector1=first, inspector2=second, opened_on=today, last_activity_on=today,
        )).returning(Case.id)
        case_id = int(rows[0]["id"])
        await search.refresh([case_id])
        await audit.record(actor, "case.open", case_id, {
            "diarienummer": diarienummer, "kommunkod": kommunkod, "method": parsed_method.value,
            "arbetsstalle": name, "arbetsgivare": legal.name, "organisationsnummer": legal.orgnr,
            "namnd": namnd})
    return CaseOpened(case_id, diarienummer, CaseStatus.PLANERAD.value, 1)


async def set_employer(actor: Actor, cmd: SetEmployer) -> EmployerSet:
    """Correct or complete the employer a case's letters address (an audited change).

    For a case opened before the registered names were known, or where the reference data
    has none: the same rules as when a case is opened.
    """
    case_id, version, employer, org_nr, namnd = (cmd.case_id, cmd.version, cmd.employer,
                                                 cmd.org_nr, cmd.namnd)
    if actor.role not in (Role.INSPEKTOR, Role.SAMORDNARE):
        raise Forbidden("Endast inspektör eller samordnare får ändra arbetsgivaren.")
    if not 0 < case_id <= MAX_ID:
        raise NotFound(f"Ärende {case_id} finns inte.")
    async with write_tx():
        case = await Case.select(
            Case.id, Case.version, Case.workplace, Case.campaign,
            Case.region.code.as_alias("region"),
            Case.kommun.namn.as_alias("namn"), Case.kommun.juridiskt_namn.as_alias(
                "juridiskt_namn"), Case.kommun.organisationsnummer.as_alias(
                "organisationsnummer"), Case.workplace.employer.as_alias("employer"),
            Case.workplace.org_nr.as_alias("org_nr"), Case.workplace.namnd.as_alias("namnd"),
        ).where(Case.id == case_id).first()
        if case is None:
            raise NotFound(f"Ärende {case_id} finns inte.")
        require_case_access(actor, case["region"])
        if version is None:
            raise InvalidInput("Ange ärendets version (fältet version eller If-Match).",
                               "version")
        if version != case["version"]:
            raise StaleVersion(STALE)
        if await Campaign.exists().where((Campaign.id == case["campaign"])
                                         & (Campaign.archived == True)):  # noqa: E712
            raise StepRefused("Ärendet hör till en arkiverad kampanj; det är ett underlag och "
                              "ändras inte längre.")
        legal = await _legal_person(case, employer, org_nr)
        new_namnd = case["namnd"] if namnd is None else (" ".join(namnd.split())
                                                         or DEFAULT_NAMND)
        await Workplace.update({Workplace.employer: legal.name, Workplace.org_nr: legal.orgnr,
                                Workplace.namnd: new_namnd}
                               ).where(Workplace.id == case["workplace"])
        await search.refresh([case_id])  # the employer's name is searchable
        new_version = case["version"] + 1
        await Case.update({Case.version: new_version}).where(Case.id == case_id)
        await audit.record(actor, "case.arbetsgivare", case_id, {
            "version_before": case["version"],
            "before": {"arbetsgivare": case["employer"], "organisationsnummer": case["org_nr"],
                       "namnd": case["namnd"]},
            "after": {"arbetsgivare": legal.name, "organisationsnummer": legal.orgnr,
                      "namnd": new_namnd}})
    return EmployerSet(case_id, new_version, legal.name, legal.orgnr, new_namnd)


def _case_columns() -> list[Any]:
    return [Case.id, Case.diarienummer, Case.status, Case.method, Case.version,
            Case.campaign.id.as_alias("campaign_id"), Case.kommun.kommunkod.as_alias("kommunkod"),
            Case.kommun.namn.as_alias("kommun"), Case.region.code.as_alias("region"),
            Case.workplace.name.as_alias("arbetsstalle"), Case.opened_on, Case.closed_on,
            Case.svar_senast, Case.last_activity_on,
            Case.inspector1.username.as_alias("inspektor1"),
            Case.inspector2.username.as_alias("inspektor2")]


class CaseListItem(CaseListRow):
    """A row of the case list with its status in words."""

    status_label: str


class CaseListPage(TypedDict):
    """One page of the case list; `next_cursor` (None on the last page) asks for the next."""

    items: list[CaseListItem]
    next_cursor: str | int | None


class KravItem(KravRow):
    state_label: str


class AssessmentItem(AssessmentRow):
    outcome_label: str


class NextStepRow(TypedDict):
    """A step the case page offers: allowed now, or why not."""

    step: str
    label: str
    allowed: bool
    reason: str | None


class CasePage(CaseRow):
    """The case page (case_detail): its row, its six lists and the steps it offers.

    The API's CaseDetail, the web pages and the diarium read it; typed here so mypy checks
    every key they read."""

    status_label: str
    assessments: list[AssessmentItem]
    meetings: list[MeetingRow]
    gruppsamtal: list[GruppsamtalRow]
    krav: list[KravItem]
    documents: list[DocumentRow]
    decisions: list[DecisionRow]
    next_steps: list[NextStepRow]


def _with_labels(row: CaseListRow) -> CaseListItem:
    return {**row, "status_label": CaseStatus(row["status"]).label}


SORTS = {"nyast": "Nyast först", "aldst": "Äldst först", "svar_senast": "Svar senast"}
_DIARIENUMMER = re.compile(r"^\s*(\d{4})\s*/\s*(\d{1,6})\s*$")


def diarienummer_in(q: str) -> str | None:
    """A diarienummer as typed ("2026/42" or "2026/000042"), written out; else None."""
    m = _DIARIENUMMER.match(q)
    return f"{m.group(1)}/{int(m.group(2)):06d}" if m else None


def _keyset(sort: str, cursor: str | None) -> After | None:
    """Where a page starts after `cursor` (the last row of the page before)."""
    if cursor is None or cursor == "":
        return None
    bad = InvalidInput("Sidmarkören (cursor) är ogiltig; börja om från första sidan.", "cursor")
    if sort in ("nyast", "aldst"):
        if not cursor.isdecimal() or len(cursor) > 10:
            raise bad
        return After(int(cursor))
    day, _, last = cursor.partition("~")
    if not last.isdecimal() or len(last) > 10:
        raise bad
    if day == "":
        return After(int(last))
    try:
        due = date.fromisoformat(day)
    except ValueError:
        raise bad from None
    return After(int(last), due)


def _cursor_of(sort: str, row: CaseListRow) -> str | int:
    if sort == "svar_senast":
        due = as_date(row["svar_senast"])
        return f"{due.isoformat() if due else ''}~{row['id']}"
    return int(row["id"])


async def list_cases(actor: Actor, status: str | None = None, region: str | None = None,
                     kommunkod: str | None = None, campaign_id: int | None = None,
                     inspektor: str | None = None, cursor: int | str | None = None,
                     limit: int = 50, live_only: bool = False, q: str | None = None,
                     overdue: bool = False, sort: str | None = None) -> CaseListPage:
    """Keyset-paginated (pass the returned `next_cursor` for the next page), newest first
    unless `sort` says otherwise; `q` searches (db/search.py), a diarienummer exactly.

    `live_only` leaves out the cases of archived campaigns (work lists want that)."""
    allowed = visible_region(actor)
    if allowed is not None and region and region != allowed:
        raise Forbidden("Du kan bara se ärenden i din egen region.")
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit måste vara 1–{MAX_PAGE}.", "limit")
    order = sort or "nyast"
    if order not in SORTS:
        raise InvalidInput("Sortera efter nyast, aldst eller svar_senast.", "sort")
    if status:
        try:
            CaseStatus(status)
        except ValueError:
            raise InvalidInput("Välj en status ur listan.", "status") from None
    text = (q or "").strip()
    number = diarienummer_in(text) if text else None
    ids: list[int] | None = None
    match: str | None = None
    if text and not number:
        terms = search.words(text)
        if not terms:
            return {"items": [], "next_cursor": None}
        kind = Case._meta.db.engine_type
        query = search.match_query(kind, terms)
        scope = allowed if allowed is not None else (region or None)
        few = await search.few_matches(query, scope) if kind == "postgres" else None
        if few is not None:
            if not few:
                return {"items": [], "next_cursor": None}
            ids = few
        else:
            match = query
    wanted = CaseFilter(
        region=allowed if allowed is not None else (region or None), status=status or None,
        kommunkod=kommunkod or None, campaign_id=campaign_id, inspektor=inspektor or None,
        overdue_before=overdue_if_due_before(clock.today()) if overdue else None,
        live_only=live_only,
        diarienummer=number, ids=ids, match=match)
    after = _keyset(order, None if cursor is None else str(cursor))
    rows = await queries_cases.case_list(wanted, order, after, limit + 1)
    items = [_with_labels(r) for r in rows[:limit]]
    return {"items": items,
            "next_cursor": _cursor_of(order, items[-1]) if len(rows) > limit else None}


async def case_detail(actor: Actor, case_id: int) -> CasePage:
    """The case page: its queries (db/queries_cases.py) all on one pooled connection."""
    visible_region(actor)  # roles that never read cases are refused before any lookup
    check_id(case_id)
    async with one_connection():  # the page's queries on one pooled connection
        found = await queries_cases.case_row(case_id)
        if found is None:
            raise NotFound(f"Ärende {case_id} finns inte.")
        row, fact_row = found  # the facts in the row's own query, the columns a step reads
        require_case_access(actor, row["region"])
        parts = await queries_cases.case_parts(case_id)
    facts = facts_of(row, fact_row, clock.today())
    out: CasePage = {
        **row, "status_label": CaseStatus(row["status"]).label,
        "assessments": [{**a, "outcome_label": Outcome(a["outcome"]).label}
                        for a in parts["assessments"]],
        "meetings": parts["meetings"], "gruppsamtal": parts["gruppsamtal"],
        "krav": [{**k, "state_label": KravState(k["state"]).label} for k in parts["krav"]],
        "documents": parts["documents"], "decisions": parts["decisions"], "next_steps": []}
    out["next_steps"] = [
        {"step": o.step.value, "label": o.step.label, "allowed": o.allowed, "reason": o.reason}
        for o in step_options(actor.role, facts) if offered(actor.role, o.step)]
    return out


async def assign(actor: Actor, cmd: Assign) -> CaseChanged:
    """A coordinator puts two inspectors of the region on a case."""
    case_id, version, inspektor1, inspektor2 = (cmd.case_id, cmd.version, cmd.inspektor1,
                                                cmd.inspektor2)
    async with write_tx():
        start = await begin(case_id, actor, Step.ASSIGN, version)
        region = start.case["region_code"]
        first = await _inspector_id(inspektor1, region)
        second = await _inspector_id(inspektor2, region)
        if first is not None and first == second:
            raise InvalidInput("Välj två olika inspektörer.", "inspektor2")
        new_version = await commit(start, inspector1=first, inspector2=second)
        await notices.case_assigned(case_id, {start.case["inspector1"], start.case["inspector2"]},
                                    {first, second})
        await search.refresh([case_id])
        await audit.record(actor, "case.assign", case_id, {**start.transition(),
            "before": {"inspector1": start.case["inspector1"],
                       "inspector2": start.case["inspector2"]},
            "after": {"inspektor1": inspektor1, "inspektor2": inspektor2}})
    return CaseChanged(case_id, new_version)


MAX_PROPOSAL = 2000


async def propose_to_jurist(actor: Actor, cmd: ProposeToJurist) -> CaseChanged:
    """The inspector's proposal for the next step, in their own words; the jurist's queue
    shows it beside the step the rules suggest. A new proposal replaces the old one (both
    stay in the audit trail)."""
    case_id, version = cmd.case_id, cmd.version
    words = (cmd.text or "").strip()
    if not words:
        raise InvalidInput("Skriv vad du föreslår att juristen gör.", "text")
    if len(words) > MAX_PROPOSAL:
        raise InvalidInput(f"Förslaget får vara högst {MAX_PROPOSAL} tecken.", "text")
    async with write_tx():
        start = await begin(case_id, actor, Step.FORSLAG, version)
        new_version = await commit(start, inspector_proposal=words)
        await audit.record(actor, "case.forslag", case_id, {**start.transition(),
            "before": {"forslag": start.case["inspector_proposal"]},
            "after": {"forslag": words}})
    return CaseChanged(case_id, new_version)


async def close_case(actor: Actor, cmd: CloseCase) -> CaseChanged:
    case_id, version = cmd.case_id, cmd.version
    check_role(Step.CLOSE, actor.role)
    async with write_tx():
        start = await begin(case_id, actor, Step.CLOSE, version)
        new_version = await commit(start, closed_on=start.today, svar_senast=None)
        await audit.record(actor, "case.close", case_id, {**start.transition(),
            "before": {"status": start.case["status"]}, "after": {"status": "avslutad"}})
    return CaseChanged(case_id, new_version, CaseStatus.AVSLUTAD.value)


async def resolve_case_id(actor: Actor, ref: str) -> int:
    """A case by id or diarienummer (the CLI accepts both)."""
    if ref.isdecimal():
        return int(ref)
    row = await Case.select(Case.id).where(Case.diarienummer == ref.strip()).first()
    if row is None:
        raise NotFound(f"Ärendet {ref} finns inte.")
    return int(row["id"])

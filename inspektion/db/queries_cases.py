"""The case list and the case page: their SQL, written once (services/cases.py asks for them).

The list is the busiest read: plain SQL instead of building the joined query per request (ORM
query building was most of its time at 32 users; bench/README.md). The page reads the case row
and six lists on the connection its caller holds (the ORM built 11 queries per call before).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict, cast, final

from inspektion.db import search
from inspektion.db.queries_facts import FACT_COLUMNS, FACT_JOINS, FACT_KEYS, FactRow, fact_row_of
from inspektion.db.tables import Case
from inspektion.domain.json_types import Json
from inspektion.domain.kommunicering import StoredTerms
from inspektion.domain.reminder_rules import WAITING_FOR_EMPLOYER

_COLUMNS = (
    "c.id, c.diarienummer, c.status, c.method, c.version, c.campaign AS campaign_id, "
    "k.kommunkod, k.namn AS kommun, r.code AS region, w.name AS arbetsstalle, c.opened_on, "
    "c.closed_on, c.svar_senast, c.last_activity_on, c.inspector_proposal, "
    "i1.username AS inspektor1, i1.display_name AS inspektor1_namn, "
    "i2.username AS inspektor2, i2.display_name AS inspektor2_namn")
_JOINS = (
    "LEFT JOIN region r ON r.id = c.region LEFT JOIN workplace w ON w.id = c.workplace "
    "LEFT JOIN app_user i1 ON i1.id = c.inspector1 "
    "LEFT JOIN app_user i2 ON i2.id = c.inspector2")
_LIST_SQL = (f"SELECT {_COLUMNS} FROM case_file c LEFT JOIN kommun k ON k.id = c.kommun "
             f"{_JOINS}")
# The page's row: the list's columns, and the workplace's employer, the campaign and the län.
# Its lifecycle facts come in the same row (db/queries_facts.py, the columns a step reads).
_DETAIL_SQL = (
    f"SELECT {_COLUMNS}, w.address, w.employer, w.org_nr, w.namnd, "
    "k.juridiskt_namn AS kommun_juridiskt_namn, cp.name AS campaign, l.namn AS lan, "
    f"{FACT_COLUMNS} "
    "FROM case_file c LEFT JOIN campaign cp ON cp.id = c.campaign "
    "LEFT JOIN kommun k ON k.id = c.kommun LEFT JOIN lan l ON l.id = k.lan "
    f"{_JOINS} {FACT_JOINS} WHERE c.id = {{}}")
_PARTS_SQL = {
    "assessments": ('SELECT a.id, a.krav AS krav_id, a.date, a.outcome, a.motivering, a.source, '
                    'a.handling AS handling_id, a.meeting AS meeting_id, a.assessed_on '
                    'FROM krav_assessment a WHERE a."case" = {} ORDER BY a.date, a.id'),
    "meetings": ('SELECT id, kind, date, arbetsomrade, participants, notes FROM meeting '
                 'WHERE "case" = {} ORDER BY date, id'),
    "gruppsamtal": ('SELECT g.id, m.date AS date, g.arbetsomrade, g.respondents, g.summary, '
                    'g.reason FROM gruppsamtal_summary g LEFT JOIN meeting m ON m.id = g.meeting '
                    'WHERE g."case" = {} ORDER BY g.id'),
    "krav": ('SELECT id, number, text, brist, citations, effektmal, template_slug, deadline, '
             'state, assessed_on FROM krav WHERE "case" = {} ORDER BY number'),
    "documents": ('SELECT id, kind, number, created_on, sent_on, served_on, served_how, '
                  'pdf_sha256, docx_sha256, payload FROM document WHERE "case" = {} ORDER BY id'),
    "decisions": ('SELECT d.id, d.kind, d.krav_ids, d.vite_sek, d.svar_senast, d.deadline, '
                  'd.decided_on, d.document, d.terms, d.immediate, d.outcome, d.laga_kraft, '
                  'd.motivering, u.username AS decided_by FROM decision d '
                  'LEFT JOIN app_user u ON u.id = d.decided_by WHERE d."case" = {} '
                  'ORDER BY d.id'),
}
_JSON_COLUMNS = ("participants", "summary", "citations", "payload", "krav_ids", "terms")

ORDER = {"nyast": "c.id DESC", "aldst": "c.id ASC",
         "svar_senast": "(c.svar_senast IS NULL), c.svar_senast, c.id"}


class CaseListRow(TypedDict):
    """One row of the case list (_COLUMNS): the case with its place and inspectors' names."""

    id: int
    diarienummer: str
    status: str
    method: str
    version: int
    campaign_id: int
    kommunkod: str
    kommun: str
    region: str
    arbetsstalle: str
    opened_on: date
    closed_on: date | None
    svar_senast: date | None
    last_activity_on: date
    inspector_proposal: str
    inspektor1: str | None
    inspektor1_namn: str | None
    inspektor2: str | None
    inspektor2_namn: str | None


class CaseRow(CaseListRow):
    """The case page's own row: the list's columns, the employer, the campaign and the län."""

    address: str
    employer: str
    org_nr: str
    namnd: str
    kommun_juridiskt_namn: str
    campaign: str
    lan: str


class AssessmentRow(TypedDict):
    """A krav's assessment as the case page lists it (`date` is of what was assessed)."""

    id: int
    krav_id: int
    date: date
    outcome: str
    motivering: str
    source: str
    handling_id: int | None
    meeting_id: int | None
    assessed_on: date


class ParticipantRow(TypedDict):
    """One participant of a meeting as stored (a role, perhaps a name)."""

    role: str
    name: str


@final  # no subtype: a key only a krav's row has tells a krav from a meeting
class MeetingRow(TypedDict):
    id: int
    kind: str
    date: date
    arbetsomrade: str | None
    participants: list[ParticipantRow]
    notes: str


class GruppsamtalRow(TypedDict):
    """A group's compiled summary (None with the reason when too few answered)."""

    id: int
    date: date
    arbetsomrade: str
    respondents: int
    summary: dict[str, Json] | None
    reason: str | None


class KravRow(TypedDict):
    id: int
    number: int
    text: str
    brist: str
    citations: list[str]
    effektmal: int | None
    template_slug: str | None
    deadline: date | None
    state: str
    assessed_on: date | None


class DocumentRow(TypedDict):
    """A letter's metadata; `payload` is what it was issued with (dates, krav ids, vite)."""

    id: int
    kind: str
    number: str
    created_on: date
    sent_on: date | None
    served_on: date | None
    served_how: str | None
    pdf_sha256: str
    docx_sha256: str
    payload: dict[str, Json]


class DecisionRow(TypedDict):
    id: int
    kind: str
    krav_ids: list[int]
    vite_sek: int | None
    svar_senast: date | None
    deadline: date | None
    decided_on: date
    document: int | None
    terms: StoredTerms  # {} before terms were stored, and for an utdömande or a dom
    immediate: bool
    outcome: str | None
    laga_kraft: date | None
    motivering: str
    decided_by: str | None


class CaseParts(TypedDict):
    """The six lists of the case page, each in the order _PARTS_SQL gives."""

    assessments: list[AssessmentRow]
    meetings: list[MeetingRow]
    gruppsamtal: list[GruppsamtalRow]
    krav: list[KravRow]
    documents: list[DocumentRow]
    decisions: list[DecisionRow]


@dataclass(frozen=True)
class After:
    """Where a page starts: after the case `id` (and, sorted by svar senast, its date)."""

    id: int
    svar_senast: date | None = None


@dataclass(frozen=True)
class CaseFilter:
    """What the list keeps; None (or False) keeps everything."""

    region: str | None = None
    status: str | None = None
    kommunkod: str | None = None
    campaign_id: int | None = None
    inspektor: str | None = None
    overdue_before: date | None = None  # waits for an answer due before this day (the bound
    # domain.reminder_rules.overdue_if_due_before gives for today)
    live_only: bool = False  # leave out the cases of archived campaigns
    diarienummer: str | None = None
    ids: list[int] | None = None  # the few matches of a search (db/search.few_matches)
    match: str | None = None  # a full-text query (db/search.match_query)


def _conditions(f: CaseFilter, order: str, after: After | None) -> tuple[str, list[Any]]:
    # Names are turned into ids by a subquery, so the filter is on case_file's own columns
    # and PostgreSQL walks the matching (column, id) index backwards; a filter on the joined
    # name made it scan the whole table newest-first for a small or quiet municipality
    # (44 ms against 0.5 ms with 200,000 cases; bench/README.md, "API").
    out: list[tuple[str, list[Any]]] = []
    if f.region is not None:
        out.append(("c.region = (SELECT id FROM region WHERE code = {})", [f.region]))
    if f.status:
        out.append(("c.status = {}", [f.status]))
    if f.kommunkod:
        out.append(("c.kommun = (SELECT id FROM kommun WHERE kommunkod = {})", [f.kommunkod]))
    if f.campaign_id is not None:
        out.append(("c.campaign = {}", [f.campaign_id]))
    if f.inspektor:
        out.append(("(c.inspector1 = (SELECT id FROM app_user WHERE username = {}) "
                    "OR c.inspector2 = (SELECT id FROM app_user WHERE username = {}))",
                    [f.inspektor, f.inspektor]))
    if f.overdue_before is not None:
        waiting = [s.value for s in WAITING_FOR_EMPLOYER]
        out.append((f"(c.svar_senast < {{}} AND c.status IN ({', '.join('{}' for _ in waiting)}))",
                    [f.overdue_before, *waiting]))
    if f.live_only:
        out.append(("c.campaign NOT IN (SELECT id FROM campaign WHERE archived)", []))
    if f.diarienummer:
        out.append(("c.diarienummer = {}", [f.diarienummer]))
    if f.ids is not None:
        out.append(("c.id = ANY({})", [f.ids]))
    if f.match is not None:
        out.append((search.match_condition(Case._meta.db.engine_type), [f.match]))
    if after is not None:
        if order == "nyast":
            out.append(("c.id < {}", [after.id]))
        elif order == "aldst":
            out.append(("c.id > {}", [after.id]))
        elif after.svar_senast is None:
            out.append(("(c.svar_senast IS NULL AND c.id > {})", [after.id]))
        else:
            due = after.svar_senast
            out.append(("(c.svar_senast > {} OR (c.svar_senast = {} AND c.id > {}) "
                        "OR c.svar_senast IS NULL)", [due, due, after.id]))
    return " AND ".join(sql for sql, _ in out), [v for _, values in out for v in values]


# The rows below are typed where they leave the database: the SQL above names exactly the
# keys of each row type, so each `cast` states what the query returns (tests read them all).


async def case_list(f: CaseFilter, order: str, after: After | None,
                    limit: int) -> list[CaseListRow]:
    """Up to `limit` cases in `order` (a key of ORDER), starting after `after`."""
    where, args = _conditions(f, order, after)
    # The limit is a checked int written into the text: with a LIMIT parameter PostgreSQL
    # keeps re-planning the prepared statement (2 ms a call) instead of reusing its plan.
    return cast(list[CaseListRow],
                list(await Case.raw(_LIST_SQL + (f" WHERE {where}" if where else "")
                                    + f" ORDER BY {ORDER[order]} LIMIT {int(limit)}", *args)))


async def case_row(case_id: int) -> tuple[CaseRow, FactRow] | None:
    """The case page's own row (the list's columns and more) and its lifecycle facts, or None."""
    rows = await Case.raw(_DETAIL_SQL, case_id)
    if not rows:
        return None
    row = dict(rows[0])
    facts = fact_row_of(row)
    for key in FACT_KEYS:
        del row[key]
    return cast(CaseRow, row), facts


def _loaded(row: dict[str, Any]) -> dict[str, Any]:
    """JSON columns come back as text from a plain query on both databases."""
    return {k: json.loads(v) if k in _JSON_COLUMNS and isinstance(v, str) else v
            for k, v in row.items()}


async def case_parts(case_id: int) -> CaseParts:
    """The case's assessments, meetings, gruppsamtal, krav, documents and decisions."""
    return cast(CaseParts, {key: [_loaded(r) for r in await Case.raw(sql, case_id)]
                            for key, sql in _PARTS_SQL.items()})

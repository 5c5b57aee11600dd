"""The letters of many cases at once, for the desks that list them (no query per case);
and the rows a decision letter is written from (its krav, the decision it follows).

The ORM gives every row as `dict[str, Any]`; the functions here turn it into the row's
TypedDict with one `cast` each, which is sound because they select exactly its columns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any, TypedDict, cast

from inspektion.db.tables import Case, Decision, Krav, Meeting, User
from inspektion.domain.kommunicering import StoredTerms

# A decision letter's vite is the decision's (the decision that was issued with it).
_LETTERS_SQL = (
    'SELECT doc.id, doc."case" AS case_id, doc.kind, doc.number, doc.created_on, doc.sent_on, '
    'doc.served_on, doc.served_how, doc.pdf_sha256, doc.docx_sha256, '
    '(SELECT d.vite_sek FROM decision d WHERE d.document = doc.id ORDER BY d.id DESC LIMIT 1) '
    'AS vite_sek '
    'FROM document doc WHERE doc."case" IN ({ids}) AND doc.kind IN ({kinds}) ORDER BY doc.id')


async def letters_of_cases(case_ids: list[int], kinds: Iterable[str]
                           ) -> dict[int, list[dict[str, Any]]]:
    """Each case's letters of these kinds, oldest first, in one query."""
    ids = sorted({int(i) for i in case_ids})
    wanted = sorted(kinds)
    if not ids or not wanted:
        return {}
    sql = _LETTERS_SQL.format(ids=", ".join("{}" for _ in ids),
                              kinds=", ".join("{}" for _ in wanted))
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in await Case.raw(sql, *ids, *wanted):
        out[int(row["case_id"])].append(dict(row))
    return dict(out)


class LetterHead(TypedDict):
    """The case as a letter's head names it: the workplace, its employer, where it is."""

    diarienummer: str
    inspector1: int | None
    inspector2: int | None
    workplace: str
    address: str
    employer: str       # the legal person's registered name ("" until given)
    org_nr: str
    namnd: str
    kommun: str
    lan: str
    kommunkod: str


async def letter_head(case_id: int) -> LetterHead | None:
    row = await Case.select(
        Case.diarienummer, Case.inspector1, Case.inspector2,
        Case.workplace.name.as_alias("workplace"), Case.workplace.address.as_alias("address"),
        Case.workplace.employer.as_alias("employer"), Case.workplace.org_nr.as_alias("org_nr"),
        Case.workplace.namnd.as_alias("namnd"),
        Case.kommun.namn.as_alias("kommun"), Case.kommun.lan.namn.as_alias("lan"),
        Case.kommun.kommunkod.as_alias("kommunkod"),
    ).where(Case.id == case_id).first()
    return cast(LetterHead, row) if row else None


class SignerRow(TypedDict):
    """A user as a letter names them (an inspector, the deciding jurist)."""

    username: str
    display_name: str
    title: str
    email: str
    phone: str


async def signer(user_id: int) -> SignerRow | None:
    row = await User.select(User.username, User.display_name, User.title, User.email,
                            User.phone).where(User.id == user_id).first()
    return cast(SignerRow, row) if row else None


class ParticipantJson(TypedDict):
    """One participant of a meeting as stored (meeting.participants)."""

    role: str
    name: str


class LetterMeetingRow(TypedDict):
    """A meeting as a letter lists it."""

    kind: str
    date: date
    arbetsomrade: str | None
    participants: list[ParticipantJson]


async def meetings_for_letter(case_id: int) -> list[LetterMeetingRow]:
    """The case's meetings by date."""
    rows = await Meeting.select(
        Meeting.kind, Meeting.date, Meeting.arbetsomrade, Meeting.participants,
    ).where(Meeting.case == case_id).order_by(Meeting.date).order_by(Meeting.id).output(
        load_json=True)
    return [cast(LetterMeetingRow, r) for r in rows]


class KravRow(TypedDict):
    """A krav as a letter prints it."""

    id: int
    number: int
    text: str
    brist: str
    citations: list[str]
    deadline: date | None


async def krav_for_letter(case_id: int, krav_ids: list[int] | None) -> list[KravRow]:
    """The case's krav in number order; only those of `krav_ids` unless it is None."""
    rows = await Krav.select(
        Krav.id, Krav.number, Krav.text, Krav.brist, Krav.citations, Krav.deadline,
    ).where(Krav.case == case_id).order_by(Krav.number).output(load_json=True)
    return [cast(KravRow, r) for r in rows if krav_ids is None or r["id"] in krav_ids]


class DecisionRow(TypedDict):
    """What the later steps read of an underrättelse or a föreläggande."""

    id: int
    krav_ids: list[int]
    vite_sek: int | None
    svar_senast: date | None
    deadline: date | None
    decided_on: date
    terms: StoredTerms
    immediate: bool


class ForelaggandeRow(DecisionRow):
    """A föreläggande with its letter: the number, and when and how it was served."""

    served_on: date | None
    served_how: str | None
    document_number: str | None


_DECISION_COLUMNS = (Decision.id, Decision.krav_ids, Decision.vite_sek, Decision.svar_senast,
                     Decision.deadline, Decision.decided_on, Decision.terms, Decision.immediate)


async def last_decision(case_id: int, kind: str) -> DecisionRow | None:
    """The case's latest decision of this kind."""
    row = await Decision.select(*_DECISION_COLUMNS).where(
        (Decision.case == case_id) & (Decision.kind == kind)
    ).order_by(Decision.id, ascending=False).output(load_json=True).first()
    return cast(DecisionRow, dict(row)) if row else None


async def decision_of_document(document_id: int, kind: str) -> DecisionRow | None:
    """The decision of this kind that a letter was issued with."""
    row = await Decision.select(*_DECISION_COLUMNS).where(
        (Decision.document == document_id) & (Decision.kind == kind)
    ).output(load_json=True).first()
    return cast(DecisionRow, dict(row)) if row else None


async def last_forelaggande(case_id: int) -> ForelaggandeRow | None:
    """The case's latest föreläggande, with its letter's number and its delgivning."""
    row = await Decision.select(
        *_DECISION_COLUMNS, Decision.document.served_on.as_alias("served_on"),
        Decision.document.served_how.as_alias("served_how"),
        Decision.document.number.as_alias("document_number"),
    ).where((Decision.case == case_id) & (Decision.kind == "forelaggande")
            ).order_by(Decision.id, ascending=False).output(load_json=True).first()
    return cast(ForelaggandeRow, dict(row)) if row else None

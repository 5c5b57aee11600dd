"""Answer links: the inspector makes and revokes them; the employer answers through one.

What a link opens is exactly one letter of one case: its krav (text, rule, effektmål), the
draft typed so far and the numbers of what was already sent — nothing else of the case. A
send becomes one inkommen handling with its files, numbered in the case's series like any
other (services/handlingar.store_handling), in one transaction with its audit event and a
notice to the case's inspectors. The second send through the same link is a komplettering.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NotRequired, TypedDict

from piccolo.columns import Varchar

from inspektion import clock
from inspektion.config import load_settings
from inspektion.db import queries_svarslankar
from inspektion.db.queries_svarslankar import LinkRow, StoredAnswer, StoredAnswers
from inspektion.db.tables import (
    Campaign,
    Case,
    Document,
    HandlingFile,
    Krav,
    SvarInskick,
    SvarsLank,
)
from inspektion.domain.access import Actor, require_case_access, require_role
from inspektion.domain.errors import InvalidInput, NotFound, StaleVersion, StepRefused
from inspektion.domain.handlingar import HandlingKind
from inspektion.domain.json_types import Json
from inspektion.domain.krav import EFFEKTMAL
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.reminder_rules import ReminderKind
from inspektion.domain.roles import Role
from inspektion.domain.svarslank import (
    LETTER_ANSWER,
    KravAnswer,
    Recipient,
    check_answer,
    check_contact,
    check_message,
    digest,
    expires_on,
    guidance,
    handling_kind,
    link_state,
    looks_like_token,
    new_code,
    new_token,
    normal_code,
    parse_recipient,
    shown_code,
)
from inspektion.services import audit
from inspektion.services.handlingar import (
    LETTER_LABELS,
    CheckedFile,
    IncomingFile,
    answered_letter,
    check_files,
    store_handling,
)
from inspektion.services.notices import notify_users
from inspektion.services.step_frame import (
    CaseFileRow,
    StepStart,
    bump_version,
    check_id,
    load_case,
    parse_date,
)
from inspektion.services.transactions import write_tx

PATH = "/svar/"


class LinkInvalid(NotFound):
    """Unknown, expired or revoked: the employer is told only that the link does not hold."""

    def __init__(self) -> None:
        super().__init__("Länken gäller inte.")


# --- the inspector's side ---------------------------------------------------------------


@dataclass(frozen=True)
class CreatedLink:
    id: int
    token: str      # shown once; only its hash is kept
    code: str       # shown once, for typing from the letter
    expires: date
    document_id: int
    document_number: str
    recipient: Recipient
    replaced: list[int] = field(default_factory=list)


async def _case_for(actor: Actor, case_id: int) -> CaseFileRow:
    require_role(actor, Role.INSPEKTOR)
    case = await load_case(case_id)
    require_case_access(actor, case["region_code"])
    return case


async def create_link(actor: Actor, case_id: int, document_id: int | str,
                      recipient: str | None, version: int | None = None) -> CreatedLink:
    """A new link for a letter of the case and one recipient; an older link for the same
    letter and recipient stops working (there is one address per letter and recipient).
    A form may hand over what was typed for the letter as text: it is refused unless an id."""
    require_role(actor, Role.INSPEKTOR)
    who = parse_recipient(str(recipient or ""))
    if not isinstance(document_id, int) or isinstance(document_id, bool):
        raise InvalidInput("document_id: ange brevets id (ett heltal).", "document_id")
    async with write_tx():
        case = await _case_for(actor, case_id)
        if version is not None and version != case["version"]:
            raise StaleVersion("Ärendet har ändrats av någon annan sedan du läste in det. "
                               "Läs in det igen och försök på nytt.")
        if case["status"] == CaseStatus.AVSLUTAD.value:
            raise StepRefused("Ärendet är avslutat; det tar inte emot fler svar.")
        doc = await Document.select(Document.id, Document.kind, Document.number,
                                    Document.created_on, Document.payload).where(
            (Document.id == document_id) & (Document.case == case_id)).output(
            load_json=True).first()
        if doc is None:
            raise InvalidInput(f"document_id: brev {document_id} hör inte till ärendet.",
                               "document_id")
        if doc["kind"] not in LETTER_ANSWER:
            raise InvalidInput("document_id: en svarslänk görs för ett inspektionsmeddelande, "
                               "ett tillsynsmeddelande eller en underrättelse.", "document_id")
        today = clock.today()
        svar = (doc["payload"] or {}).get("svar_senast")
        expires = expires_on(parse_date(svar, "svar_senast") if svar else None,
                             parse_date(doc["created_on"], "created_on"),
                             load_settings().svarslank_days)
        if expires < today:
            raise StepRefused(f"Svarstiden för {doc['number']} gick ut för länge sedan "
                              f"(en länk hade gällt till {expires.isoformat()}).")
        now = clock.now()
        replaced = [int(r["id"]) for r in await SvarsLank.update(
            {SvarsLank.revoked_at: now, SvarsLank.revoked_by: actor.user_id}).where(
            (SvarsLank.document == document_id) & (SvarsLank.recipient == who.value)
            & SvarsLank.revoked_at.is_null()).returning(SvarsLank.id)]
        token, code = new_token(), new_code()
        rows = await SvarsLank.insert(SvarsLank(
            case=case_id, document=document_id, recipient=who.value, token_hash=digest(token),
            code_hash=digest(code), created_at=now, created_by=actor.user_id,
            expires_on=expires)).returning(SvarsLank.id)
        link_id = int(rows[0]["id"])
        await audit.record(actor, "svarslank.skapad", case_id, {
            "link_id": link_id, "document": doc["number"], "recipient": who.value,
            "expires": expires.isoformat(), "replaced": replaced})
    return CreatedLink(link_id, token, code, expires, int(document_id), doc["number"], who,
                       replaced)


class LinkView(LinkRow):
    """A link as the inspector's page and the API list it: its row, whether it still works
    and why not, and who it is for in words."""

    usable: bool
    state: str
    recipient_label: str


async def list_links(actor: Actor, case_id: int) -> list[LinkView]:
    """The case's links (never a secret: those were shown once), newest last."""
    case = await load_case(case_id)
    if actor.role is not Role.JURIST:
        require_role(actor, Role.INSPEKTOR, Role.SAMORDNARE)
    require_case_access(actor, case["region_code"])
    today = clock.today()
    out: list[LinkView] = []
    for r in await queries_svarslankar.link_rows(case_id):
        expires = parse_date(r["expires_on"], "expires_on")
        state = link_state(r["revoked_at"] is not None, expires, today)
        out.append({**r, "expires_on": expires, "usable": state.usable,
                    "state": state.reason, "sent": int(r["sent"]), "drafts": int(r["drafts"]),
                    "recipient_label": Recipient(r["recipient"]).label})
    return out


@dataclass(frozen=True)
class LinkRevoked:
    id: int
    revoked: bool


async def revoke_link(actor: Actor, case_id: int, link_id: int) -> LinkRevoked:
    check_id(link_id, "Svarslänk")
    async with write_tx():
        await _case_for(actor, case_id)
        row = await SvarsLank.select(SvarsLank.id, SvarsLank.revoked_at,
                                     SvarsLank.document.number.as_alias("number"),
                                     SvarsLank.recipient).where(
            (SvarsLank.id == link_id) & (SvarsLank.case == case_id)).first()
        if row is None:
            raise NotFound(f"Svarslänk {link_id} finns inte i ärendet.")
        if row["revoked_at"] is None:
            await SvarsLank.update({SvarsLank.revoked_at: clock.now(),
                                    SvarsLank.revoked_by: actor.user_id}).where(
                SvarsLank.id == link_id)
            await audit.record(actor, "svarslank.aterkallad", case_id, {
                "link_id": link_id, "document": row["number"], "recipient": row["recipient"]})
    return LinkRevoked(link_id, True)


# --- the employer's side ----------------------------------------------------------------


class SentAnswer(StoredAnswer):
    """A krav's answer already sent through the link, with the handling number it came in."""

    number: str


class LetterKrav(TypedDict):
    """A krav of the letter as the employer's form shows it, with what was sent for it."""

    id: int
    number: int
    text: str
    citations: list[str]
    effektmal: int | None
    deadline: date | None
    effektmal_label: str
    guidance: str
    sent: SentAnswer | None


class Draft(TypedDict):
    """What was typed and saved but not sent; empty strings and no answers when nothing was."""

    answers: StoredAnswers
    contact: str
    message: str
    saved_at: NotRequired[datetime]  # absent when nothing was saved


class SentThrough(TypedDict):
    """A send through the link, as the form lists it."""

    number: str
    kind_label: str
    at: datetime


@dataclass(frozen=True)
class OpenLink:
    """What one link opens: the letter's krav and the answer so far."""

    id: int
    hash: str
    case_id: int
    recipient: Recipient
    document_id: int
    document_kind: str
    document_number: str
    letter_label: str
    svar_senast: str | None
    expires: date
    addressee: str
    workplace: str
    krav: list[LetterKrav]
    draft: Draft
    sent: list[SentThrough]


def _hash_of(secret: str) -> tuple[str, Varchar] | None:
    """Which column to look the secret up in, by its shape; None when it is neither."""
    if looks_like_token(secret):
        return digest(secret), SvarsLank.token_hash
    code = normal_code(secret)
    if code is not None:
        return digest(code), SvarsLank.code_hash
    return None


async def _usable(secret: str) -> dict[str, Any]:
    found = _hash_of(secret)
    if found is None:
        raise LinkInvalid()
    hashed, column = found
    row = await SvarsLank.select().where(column == hashed).first()
    if row is None or not link_state(row["revoked_at"] is not None,
                                     parse_date(row["expires_on"], "expires_on"),
                                     clock.today()).usable:
        raise LinkInvalid()
    return dict(row)


def link_hash(secret: str) -> str | None:
    """The token hash the throttle counts a link by (the same for its code)."""
    found = _hash_of(secret)
    return found[0] if found else None


async def _letter_krav(case_id: int, payload: Mapping[str, Json],
                       last_sent: dict[int, SentAnswer]) -> list[LetterKrav]:
    ids = payload.get("krav_ids")
    query = Krav.select(Krav.id, Krav.number, Krav.text, Krav.citations, Krav.effektmal,
                        Krav.deadline).where(Krav.case == case_id).order_by(Krav.number)
    rows = await query.output(load_json=True)
    if isinstance(ids, list):
        wanted = {int(i) for i in ids if isinstance(i, int)}
        rows = [r for r in rows if r["id"] in wanted]
    else:
        rows = []  # a letter without krav (a tillsynsmeddelande asks for a redovisning)
    return [LetterKrav(id=r["id"], number=r["number"], text=r["text"],
                       citations=r["citations"], effektmal=r["effektmal"],
                       deadline=r["deadline"],
                       effektmal_label=EFFEKTMAL.get(r["effektmal"] or 0, ""),
                       guidance=guidance(r["effektmal"]), sent=last_sent.get(int(r["id"])))
            for r in rows]


async def open_link(secret: str) -> OpenLink:
    link = await _usable(secret)
    case = await Case.select(Case.id, Case.workplace.name.as_alias("workplace"),
                             Case.workplace.employer.as_alias("employer")).where(
        Case.id == link["case"]).first()
    doc = await Document.select(Document.id, Document.kind, Document.number,
                                Document.payload).where(
        Document.id == link["document"]).output(load_json=True).first()
    if case is None or doc is None:
        raise LinkInvalid()
    payload = doc["payload"] or {}
    draft = await SvarInskick.select(SvarInskick.answers, SvarInskick.contact,
                                     SvarInskick.message, SvarInskick.saved_at).where(
        (SvarInskick.link == link["id"]) & SvarInskick.handling.is_null()).output(
        load_json=True).first()
    sent = await SvarInskick.select(SvarInskick.handling.number.as_alias("number"),
                                    SvarInskick.handling.kind.as_alias("kind"),
                                    SvarInskick.saved_at, SvarInskick.answers).where(
        (SvarInskick.link == link["id"]) & SvarInskick.handling.is_not_null()).order_by(
        SvarInskick.id).output(load_json=True)
    last_sent: dict[int, SentAnswer] = {}
    for s in sent:  # later sends replace earlier ones, krav by krav
        for key, a in queries_svarslankar.stored_answers(s["answers"]).items():
            if str(key).isdecimal():
                last_sent[int(key)] = {**a, "number": s["number"]}
    recipient = Recipient(link["recipient"])
    return OpenLink(
        id=int(link["id"]), hash=str(link["token_hash"]), case_id=int(case["id"]),
        recipient=recipient, document_id=int(doc["id"]), document_kind=doc["kind"],
        document_number=doc["number"], letter_label=LETTER_LABELS[doc["kind"]],
        svar_senast=payload.get("svar_senast"),
        expires=parse_date(link["expires_on"], "expires_on"),
        # The employer as registered; never a name built from the kommun's (issue 13).
        addressee=case["employer"] or "", workplace=case["workplace"],
        krav=await _letter_krav(int(case["id"]), payload, last_sent),
        draft=Draft(answers=queries_svarslankar.stored_answers(draft["answers"]),
                    contact=draft["contact"],
                    message=draft["message"], saved_at=draft["saved_at"]) if draft
        else Draft(answers={}, contact="", message=""),
        sent=[SentThrough(number=s["number"], kind_label=HandlingKind(s["kind"]).label,
                          at=s["saved_at"]) for s in sent])


@dataclass(frozen=True)
class AnswerForm:
    """The form as typed: per krav id its three fields, and the files per krav."""

    answers: dict[int, tuple[str, str, str]]
    contact: str
    message: str
    files: dict[int, tuple[IncomingFile, ...]] = field(default_factory=dict)  # 0: general
    client_key: str = ""


@dataclass(frozen=True)
class Checked:
    answers: dict[int, KravAnswer]
    contact: str
    message: str


def _check_form(link: OpenLink, form: AnswerForm, sending: bool) -> Checked:
    known = {int(k["id"]): k for k in link.krav}
    stray = [k for k in list(form.answers) + list(form.files) if k and k not in known]
    if stray:
        raise InvalidInput("Svaret nämner ett krav som inte finns i brevet; ladda om sidan.",
                           "krav")
    today = clock.today()
    answers = {kid: check_answer(int(known[kid]["number"]), kid, *form.answers.get(
        kid, ("", "", "")), today=today, sending=sending) for kid in known}
    return Checked({k: a for k, a in answers.items() if a.atgard or a.senast or a.ansvarig},
                   check_contact(form.contact), check_message(form.message))


def _answers_json(checked: Checked, files: dict[int, list[int]] | None = None
                  ) -> StoredAnswers:
    return {str(k): StoredAnswer(atgard=a.atgard, senast=a.senast, ansvarig=a.ansvarig,
                                 filer=(files or {}).get(k, []))
            for k, a in checked.answers.items()}


async def save_draft(secret: str, form: AnswerForm) -> datetime:
    """Keep what is typed until it is sent; files are chosen when sending."""
    async with write_tx():
        link = await open_link(secret)
        checked = _check_form(link, form, sending=False)
        now = clock.now()
        values: dict[Any, Any] = {SvarInskick.answers: json.dumps(_answers_json(checked)),
                  SvarInskick.contact: checked.contact, SvarInskick.message: checked.message,
                  SvarInskick.saved_at: now}
        done = await SvarInskick.update(values).where(
            (SvarInskick.link == link.id) & SvarInskick.handling.is_null()).returning(
            SvarInskick.id)
        if not done:
            await SvarInskick.insert(SvarInskick(
                link=link.id, case=link.case_id, answers=_answers_json(checked),
                contact=checked.contact, message=checked.message, saved_at=now))
        await audit.record(_link_actor(link), "svar.utkast_sparat", link.case_id, {
            "link_id": link.id, "document": link.document_number,
            "krav_besvarade": sorted(checked.answers)})
    return now


def _link_actor(link: OpenLink) -> Actor:
    """Who the audit trail names for what came through a link (no user of ours)."""
    return Actor(user_id=0, username=f"svarslänk: {link.recipient.label.lower()}",
                 role=Role.INSPEKTOR, region=None)


@dataclass(frozen=True)
class Sent:
    handling_id: int
    number: str
    kind: str
    repeated: bool = False  # the same send arrived twice (a double click): nothing new made


def _description(link: OpenLink, kind: HandlingKind, checked: Checked, n_files: int) -> str:
    by_number = {int(k["id"]): int(k["number"]) for k in link.krav}
    head = (f"{kind.label} genom svarslänken på {link.letter_label} {link.document_number}"
            + (f", {len(checked.answers)} krav besvarade" if link.krav else "")
            + (f", {n_files} fil{'er' if n_files != 1 else ''}" if n_files else "") + ".")
    parts = [head]
    for kid, a in sorted(checked.answers.items(), key=lambda i: by_number[i[0]]):
        extra = ", ".join(x for x in (f"senast {a.senast}" if a.senast else "",
                                      f"ansvarig {a.ansvarig}" if a.ansvarig else "") if x)
        parts.append(f"Krav {by_number[kid]}: {' '.join(a.atgard.split())}"
                     + (f" ({extra})" if extra else ""))
    if checked.message:
        parts.append("Meddelande: " + " ".join(checked.message.split()))
    text = " ".join(parts)
    return text if len(text) <= 2000 else text[:1999] + "…"


def _sender(link: OpenLink, contact: str) -> str:
    who = (link.addressee or "Arbetsgivaren") if link.recipient is Recipient.ARBETSGIVARE \
        else "Huvudskyddsombudet"
    return (f"{who} ({contact})" if contact else who)[:200]


async def send(secret: str, form: AnswerForm) -> Sent:
    """The answer as one inkommen handling with its files — or nothing at all."""
    ordered: list[tuple[int, IncomingFile]] = [
        (kid, f) for kid in sorted(form.files) for f in form.files[kid]]
    checked_files: list[CheckedFile] = check_files(tuple(f for _k, f in ordered))
    async with write_tx():
        link = await open_link(secret)
        if form.client_key:
            again = await SvarInskick.select(SvarInskick.handling,
                                             SvarInskick.handling.number.as_alias("number"),
                                             SvarInskick.handling.kind.as_alias("kind")).where(
                (SvarInskick.client_key == form.client_key[:64])
                & (SvarInskick.link == link.id)).first()
            if again is not None and again["handling"] is not None:
                return Sent(int(again["handling"]), again["number"], again["kind"], True)
        checked = _check_form(link, form, sending=True)
        if not checked.answers and not checked.message and not checked_files:
            raise InvalidInput("Skriv ett svar på minst ett krav, ett meddelande eller bifoga "
                               "en fil innan du skickar.", "svar")
        case = await load_case(link.case_id)
        today = clock.today()
        if case["status"] == CaseStatus.AVSLUTAD.value or await Campaign.exists().where(
                (Campaign.id == case["campaign"]) & (Campaign.archived == True)):  # noqa: E712
            raise StepRefused("Ärendet tar inte emot svar längre. Kontakta inspektören.")
        new_status = CaseStatus(case["status"])
        earlier = await SvarInskick.count().where(
            (SvarInskick.link == link.id) & SvarInskick.handling.is_not_null())
        kind = handling_kind(link.document_kind, link.recipient, earlier)
        answered = await answered_letter(link.case_id, kind, today, link.document_id)
        start = StepStart(case, new_status, today)
        handling_id, number = await store_handling(
            start, None, kind, today, _sender(link, checked.contact),
            _description(link, kind, checked, len(checked_files)), checked_files, answered)
        files_by_krav: dict[int, list[int]] = {}
        for (kid, _f), stored in zip(ordered, checked_files, strict=True):
            files_by_krav.setdefault(kid, []).append(stored.position)
        await SvarInskick.delete().where(
            (SvarInskick.link == link.id) & SvarInskick.handling.is_null())
        await SvarInskick.insert(SvarInskick(
            link=link.id, case=link.case_id, handling=handling_id,
            answers=_answers_json(checked, files_by_krav), contact=checked.contact,
            message=checked.message, saved_at=clock.now(),
            client_key=form.client_key[:64] or None))
        version = await bump_version(start)
        inspectors = [int(i) for i in (case["inspector1"], case["inspector2"]) if i is not None]
        await notify_users(inspectors, link.case_id, ReminderKind.SVAR_INKOMMET,
                      f"{kind.label} {number} har kommit in via svarslänken i ärende "
                      f"{case['diarienummer']} ({link.recipient.label.lower()}).")
        await audit.record(_link_actor(link), "handling.register", link.case_id, {
            "handling_id": handling_id, "number": number, "kind": kind.value,
            "received": today.isoformat(), "via": "svarslänk", "link_id": link.id,
            "recipient": link.recipient.value, "answers": answered.number if answered else None,
            "krav_besvarade": sorted(checked.answers),
            "files": [{"name": f.name, "size": len(f.data), "sha256": f.sha256}
                      for f in checked_files], "version_before": case["version"],
            "version": version})
    return Sent(handling_id, number, kind.value)


# --- beside each krav, for the inspector ------------------------------------------------


class AnswerFile(TypedDict):
    n: int  # the file's position in its handling
    name: str


class EmployerAnswer(StoredAnswer):
    """The employer's latest answer to one krav and the handling (and files) it came in."""

    handling_id: int
    number: str
    kind_label: str
    received: date
    files: list[AnswerFile]


async def answers_by_krav(case_id: int) -> dict[int, EmployerAnswer]:
    """The employer's latest answer to each krav, with the handling it came in: later sends
    (kompletteringar) replace earlier ones krav by krav. The caller has checked access."""
    latest: dict[int, tuple[StoredAnswer, queries_svarslankar.SentRow]] = {}
    for row in await queries_svarslankar.sent_by_employer(case_id):
        for key, a in row["answers"].items():
            if str(key).isdecimal():
                latest[int(key)] = (a, row)
    handlings = sorted({row["handling"] for _a, row in latest.values()})
    names = {(int(f["handling"]), int(f["position"])): f["name"] for f in await HandlingFile.select(
        HandlingFile.handling, HandlingFile.position, HandlingFile.name).where(
        HandlingFile.handling.is_in(handlings))} if handlings else {}
    return {kid: {**a, "handling_id": row["handling"], "number": row["number"],
                  "kind_label": HandlingKind(row["kind"]).label,
                  "received": parse_date(row["received"], "received"),
                  "files": [AnswerFile(n=n, name=names.get((row["handling"], n), f"fil {n}"))
                            for n in a.get("filer") or []]}
            for kid, (a, row) in latest.items()}


# --- the enclosure printed with the letter ---------------------------------------------


async def enclosure(actor: Actor, case_id: int, link_id: int, token: str, code: str,
                    fmt: str, base_url: str) -> tuple[bytes, str]:
    """The "Svara på webben" page (PDF or DOCX) for a link just made: the caller hands the
    secrets back (they are not stored), and they must be the link's own."""
    from inspektion.documents.compose_svarslank import svarslank_letter
    from inspektion.documents.pdf import render_pdf
    from inspektion.documents.word import render_docx

    if fmt not in ("pdf", "docx"):
        raise InvalidInput("format: välj pdf eller docx.", "format")
    check_id(link_id, "Svarslänk")
    case = await _case_for(actor, case_id)
    link = await SvarsLank.select().where(
        (SvarsLank.id == link_id) & (SvarsLank.case == case_id)).first()
    normal = normal_code(code)
    if link is None or link["token_hash"] != digest(token) or normal is None \
            or link["code_hash"] != digest(normal):
        raise InvalidInput("Bilagan kan bara skrivas ut direkt när länken skapas; skapa en "
                           "ny länk om adressen och koden inte finns kvar.", "token")
    doc = await Document.select(Document.kind, Document.number, Document.payload).where(
        Document.id == link["document"]).output(load_json=True).first()
    place = await Case.select(Case.workplace.name.as_alias("workplace"),
                              Case.workplace.employer.as_alias("employer"),
                              Case.kommun.namn.as_alias("kommun")).where(
        Case.id == case_id).first()
    assert doc is not None and place is not None  # the foreign keys hold
    ombud = link["recipient"] == Recipient.HUVUDSKYDDSOMBUD.value
    employer = place["employer"]
    if not employer:  # never a name built from the kommun's (issue 13): the registered one
        raise StepRefused("Arbetsgivarens registrerade namn saknas i ärendet. Ange det under "
                          "Arbetsgivare på ärendesidan innan bilagan skrivs.")
    letter = svarslank_letter(
        kind=doc["kind"], diarienummer=case["diarienummer"], document_number=doc["number"],
        letter_label=LETTER_LABELS[doc["kind"]], today=clock.today(),
        addressee=(("Huvudskyddsombudet", employer) if ombud else (employer, place["workplace"])),
        url=f"{base_url}{PATH}{token}", code_url=f"{base_url}/svar", code=shown_code(normal),
        expires=parse_date(link["expires_on"], "expires_on"),
        svar_senast=(doc["payload"] or {}).get("svar_senast"), huvudskyddsombud=ombud)
    data = render_pdf(letter) if fmt == "pdf" else render_docx(letter)
    return data, f"Svara-pa-webben-{doc['number'].replace('/', '-')}.{fmt}"

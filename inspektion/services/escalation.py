"""Escalation when krav are not met: underrättelse → föreläggande (± vite) → delgivning →
ansökan om utdömande av vite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from inspektion import clock
from inspektion.config import load_settings
from inspektion.db.queries_letters import (
    ForelaggandeRow,
    decision_of_document,
    last_decision,
    last_forelaggande,
)
from inspektion.db.tables import Decision, Document, Krav
from inspektion.documents import LetterView
from inspektion.domain.access import Actor, require_case_access
from inspektion.domain.errors import InvalidInput, StepRefused
from inspektion.domain.kommunicering import (
    Atgard,
    Deadline,
    KravRecord,
    StoredTerms,
    Terms,
    ViteMode,
    check_brist,
    check_deadlines_after_decision,
    check_immediate_announced,
    check_none_met,
    check_reply_time,
    check_within_announced,
    numbers_in_words,
)
from inspektion.domain.krav import KravState, not_met
from inspektion.domain.kronor import kr
from inspektion.domain.letters import SERVABLE_LETTERS, LetterKind
from inspektion.domain.lifecycle import Step, check_role
from inspektion.domain.utdomande import (
    UtdomandeCase,
    check_dom,
    check_utdomande,
)
from inspektion.services import audit
from inspektion.services.decision_record import assessment_facts
from inspektion.services.escalation_labels import SERVICE_METHODS
from inspektion.services.letter_views import build_view, check_decision_citations
from inspektion.services.letters import StoredLetter, answer_date, store_letter
from inspektion.services.step_frame import (
    CaseFileRow,
    KravOfCase,
    begin,
    commit,
    document_of_case,
    krav_of_case,
    load_case,
    not_in_future,
    parse_date,
)
from inspektion.services.transactions import write_tx

MAX_VITE = 100_000_000


class Rehearsed(Exception):
    """A decision step run to its end and rolled back: every rule checked, nothing written.

    The pages use it for the second step of a decision — "this is what will be sent" — so
    what the jurist confirms has passed exactly the checks the real step makes.
    """

    def __init__(self, summary: list[str]) -> None:
        super().__init__("rehearsal")
        self.summary = summary


def terms_summary(terms: Terms) -> list[str]:
    lines = [f"Åtgärd {a.number}: vidtas senast {a.deadline.as_text()}"
             + (f", vite {kr(a.vite_sek)}" if a.vite_sek else "") for a in terms.atgarder]
    if terms.vite_mode is ViteMode.GEMENSAMT and terms.vite_sek:
        lines.append(f"Ett gemensamt vite om {kr(terms.vite_sek)} för åtgärderna.")
    elif terms.vite_mode is ViteMode.INGET:
        lines.append("Inget vite.")
    if terms.has_vite and terms.vite_reason:
        lines.append(f"Skäl för vitets form: {terms.vite_reason}")
    return lines


def _check_vite(vite_sek: int | None, *, required_positive: bool) -> None:
    if vite_sek is None:
        return
    if isinstance(vite_sek, bool) or not isinstance(vite_sek, int):
        raise InvalidInput("vite_sek ska vara ett belopp i hela kronor.", "vite_sek")
    if vite_sek < 0 or (required_positive and vite_sek == 0):
        raise InvalidInput("Ett vite måste vara ett belopp större än 0 kronor.", "vite_sek")
    if vite_sek > MAX_VITE:
        raise InvalidInput("Vitet är orimligt högt; kontrollera beloppet.", "vite_sek")


@dataclass(frozen=True)
class AtgardIn:
    """One åtgärd as the jurist sets it, where it differs from the decision's default."""

    krav_id: int
    deadline: date | None = None
    deadline_days: int | None = None
    vite_sek: int | None = None


@dataclass(frozen=True)
class DecisionIn:
    """The terms of an underrättelse or a föreläggande as they come from a form or the API."""

    krav_ids: list[int]
    deadline: date | None = None      # a date for every åtgärd …
    deadline_days: int | None = None  # … or days after delgivning
    vite_sek: int | None = None       # the joint vite
    vite_mode: str | None = None      # inget | gemensamt | per_atgard; derived when omitted
    vite_reason: str = ""
    atgarder: tuple[AtgardIn, ...] = ()
    immediate: bool = False           # föreläggande: 9 kap. 5 § arbetsmiljölagen


def _deadline(raw: date | None, days: int | None, today: date, field: str) -> Deadline:
    if raw is None and days is None:
        raise InvalidInput("Ange när åtgärderna ska vara vidtagna: ett datum (deadline) eller "
                           "ett antal dagar efter delgivning (deadline_days).", field)
    if raw is not None and days is not None:
        raise InvalidInput("Ange antingen ett datum eller ett antal dagar efter delgivning, "
                           "inte båda.", field)
    if days is not None:
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 730:
            raise InvalidInput("deadline_days ska vara ett antal dagar mellan 1 och 730.",
                               "deadline_days")
        return Deadline(days_after_service=days)
    return Deadline(on=answer_date(raw, today, field))


def build_terms(cmd: DecisionIn, chosen: Sequence[KravRecord], today: date) -> Terms:
    """The typed terms from the command and the chosen krav (their numbers for the letters)."""
    _check_vite(cmd.vite_sek, required_positive=False)
    overrides = {a.krav_id: a for a in cmd.atgarder}
    if set(overrides) - {k.krav_id for k in chosen}:
        raise InvalidInput("En åtgärd gäller ett krav som inte är valt.", "atgarder")
    if cmd.vite_mode:
        try:
            mode = ViteMode(cmd.vite_mode)
        except ValueError:
            raise InvalidInput("vite_mode ska vara inget, gemensamt eller per_atgard.",
                               "vite_mode") from None
    elif cmd.vite_sek:
        mode = ViteMode.GEMENSAMT
    elif any(a.vite_sek for a in cmd.atgarder):
        mode = ViteMode.PER_ATGARD
    else:
        mode = ViteMode.INGET
    atgarder = []
    for k in chosen:
        own = overrides.get(k.krav_id)
        if own and (own.deadline is not None or own.deadline_days is not None):
            deadline = _deadline(own.deadline, own.deadline_days, today, "atgarder")
        else:
            deadline = _deadline(cmd.deadline, cmd.deadline_days, today, "deadline")
        vite = own.vite_sek if own else None
        _check_vite(vite, required_positive=False)
        atgarder.append(Atgard(k.krav_id, k.number, deadline,
                               vite if mode is ViteMode.PER_ATGARD else None))
    reason = (cmd.vite_reason or "").strip()
    if mode is not ViteMode.INGET and not reason and len(atgarder) == 1:
        reason = "Föreläggandet gäller en enda åtgärd, och vitet gäller den."
    return Terms(tuple(atgarder), mode, cmd.vite_sek if mode is ViteMode.GEMENSAMT else None,
                 reason)


def _records(chosen: Sequence[KravOfCase]) -> list[KravRecord]:
    """What the rules read of the krav rows `krav_of_case` gives."""
    return [KravRecord(k["id"], k["number"], k["brist"] or "") for k in chosen]


def announced_terms(stored: StoredTerms, krav_ids: list[int], vite_sek: int | None) -> Terms:
    """The terms an underrättelse announced (its `terms`, `krav_ids` and `vite_sek`); one sent
    before terms were stored announced its krav with its vite and no deadline (nothing
    earlier than any deadline)."""
    if "atgarder" in stored:  # stored terms name at least one åtgärd (Terms requires it)
        return Terms.from_json(stored)
    return Terms(tuple(Atgard(k, 0, Deadline(days_after_service=1)) for k in krav_ids),
                 ViteMode.GEMENSAMT if vite_sek else ViteMode.INGET, vite_sek,
                 "Vitet angavs som ett belopp för åtgärderna tillsammans." if vite_sek else "")


@dataclass(frozen=True)
class SendUnderrattelse:
    case_id: int
    version: int | None
    svar_senast: date | None  # the employer's and the skyddsombud's time to comment
    terms: DecisionIn


@dataclass(frozen=True)
class DecideForelaggande:
    case_id: int
    version: int | None
    terms: DecisionIn


@dataclass(frozen=True)
class DecisionMade:
    """An underrättelse, föreläggande or ansökan: the decision, its letter, the case after."""

    decision_id: int
    document: StoredLetter
    version: int
    status: str


@dataclass(frozen=True)
class RecordDelgivning:
    case_id: int
    version: int | None
    document_id: int
    date: date | None
    method: str


@dataclass(frozen=True)
class Delgiven:
    document_id: int
    served_on: str  # ISO date
    method: str
    version: int


@dataclass(frozen=True)
class ApplyUtdomande:
    """Empty `krav_ids`: every åtgärd of the föreläggande; no amount: the vite ordered."""

    case_id: int
    version: int | None
    krav_ids: tuple[int, ...]
    amount_sek: int | None
    motivering: str


@dataclass(frozen=True)
class RecordDom:
    case_id: int
    version: int | None
    day: date | None
    outcome: str
    amount_sek: int
    laga_kraft: date | None = None


@dataclass(frozen=True)
class DomRecorded:
    decision_id: int
    version: int
    status: str
    outcome: str


async def send_underrattelse(actor: Actor, step: SendUnderrattelse,
                             rehearse: bool = False) -> DecisionMade:
    case_id, version, svar_senast, cmd = step.case_id, step.version, step.svar_senast, step.terms
    settings = load_settings()
    async with write_tx():
        start = await begin(case_id, actor, Step.UNDERRATTELSE, version)
        chosen = await krav_of_case(case_id, cmd.krav_ids)
        unmet = [k["number"] for k in chosen
                 if not not_met(KravState(k["state"]), k["deadline"], start.today)]
        if unmet:
            one = len(unmet) == 1
            raise StepRefused(
                f"Krav {numbers_in_words(unmet)} är inte "
                + ("bedömt som ej uppfyllt, och dess" if one else
                   "bedömda som ej uppfyllda, och deras")
                + " svarstid har inte gått ut; "
                + ("det kan" if one else "de kan") + " inte ingå i en underrättelse.")
        due = answer_date(svar_senast, start.today)
        check_reply_time(start.today, due, settings.underrattelse_min_reply_days)
        terms = build_terms(cmd, _records(chosen), start.today)
        # The decision it announces must itself be lawful: its deadlines at least the
        # minimum after the earliest day it could be taken (the day after the reply time).
        check_deadlines_after_decision(terms, due + timedelta(days=1),
                                       settings.forelaggande_min_days)
        await check_decision_citations(case_id, cmd.krav_ids, start.today)
        vite = terms.total_vite
        document = await store_letter(
            start, "underrattelse",
            {"krav_ids": cmd.krav_ids, "svar_senast": due.isoformat(), "vite_sek": vite,
             "terms": terms.to_json(), "immediate": cmd.immediate},
            krav_ids=cmd.krav_ids, svar_senast=due, vite_sek=vite, terms=terms,
            decided_by=actor.user_id, immediate=cmd.immediate)
        decision = await Decision.insert(Decision(
            case=case_id, kind="underrattelse", document=document.id, krav_ids=cmd.krav_ids,
            vite_sek=vite, svar_senast=due, decided_on=start.today, decided_by=actor.user_id,
            terms=terms.to_json(), immediate=cmd.immediate,
        )).returning(Decision.id)
        new_version = await commit(start, svar_senast=due)
        await audit.record(actor, "decision.underrattelse", case_id, {**start.transition(),
            "document": document.number, "krav_ids": cmd.krav_ids,
            "svar_senast": due.isoformat(), "vite_sek": vite, "terms": terms.to_json(),
            "immediate": cmd.immediate})
        if rehearse:
            raise Rehearsed([
                f"Underrättelse om föreläggande{' med vite' if vite else ''} "
                f"({document.number}) skickas till arbetsgivaren, med kopia till "
                "huvudskyddsombudet.",
                *terms_summary(terms),
                *(["Beslutet avses gälla omedelbart (9 kap. 5 § arbetsmiljölagen)."]
                  if cmd.immediate else []),
                f"Arbetsgivaren och huvudskyddsombudet får yttra sig senast {due.isoformat()}.",
                "Det som står här binder föreläggandet: mer än så kräver en ny underrättelse."])
    return DecisionMade(int(decision[0]["id"]), document, new_version, start.new_status.value)


async def decide_forelaggande(actor: Actor, step: DecideForelaggande,
                              rehearse: bool = False) -> DecisionMade:
    case_id, version, cmd = step.case_id, step.version, step.terms
    settings = load_settings()
    if cmd.vite_sek is not None and cmd.vite_mode in (None, "gemensamt"):
        _check_vite(cmd.vite_sek, required_positive=True)
    async with write_tx():
        start = await begin(case_id, actor, Step.FORELAGGANDE, version)
        chosen = await krav_of_case(case_id, cmd.krav_ids)
        under = await last_decision(case_id, "underrattelse")
        if under is None:
            raise StepRefused("Ett föreläggande kräver en skickad underrättelse.")
        announced = announced_terms(under["terms"], under["krav_ids"], under["vite_sek"])
        met = [k["number"] for k in chosen if k["state"] == KravState.UPPFYLLT.value]
        check_none_met(met)
        if not cmd.vite_reason.strip():  # the reason the employer commented on holds
            cmd = replace(cmd, vite_reason=announced.vite_reason)
        records = _records(chosen)
        terms = build_terms(cmd, records, start.today)
        check_deadlines_after_decision(terms, start.today, settings.forelaggande_min_days)
        check_within_announced(announced, terms, start.today)
        check_immediate_announced(bool(under["immediate"]), cmd.immediate)
        check_brist(records)
        vite = terms.total_vite
        dates = [a.deadline.on for a in terms.atgarder if a.deadline.on]
        until = max(dates) if len(dates) == len(terms.atgarder) else None
        await check_decision_citations(case_id, cmd.krav_ids, start.today)
        document = await store_letter(
            start, "forelaggande",
            {"krav_ids": cmd.krav_ids, "deadline": until.isoformat() if until else None,
             "vite_sek": vite, "terms": terms.to_json(), "immediate": cmd.immediate},
            krav_ids=cmd.krav_ids, vite_sek=vite, deadline=until, decided_by=actor.user_id,
            presented_by=start.case["inspector1"], terms=terms, immediate=cmd.immediate)
        decision = await Decision.insert(Decision(
            case=case_id, kind="forelaggande", document=document.id, krav_ids=cmd.krav_ids,
            vite_sek=vite, deadline=until, decided_on=start.today, decided_by=actor.user_id,
            presented_by=start.case["inspector1"], terms=terms.to_json(),
            immediate=cmd.immediate)).returning(Decision.id)
        await Krav.update({Krav.state: KravState.I_FORELAGGANDE.value, Krav.deadline: until}
                          ).where(Krav.id.is_in(cmd.krav_ids))
        new_version = await commit(start, svar_senast=until)
        await audit.record(actor, "decision.forelaggande", case_id, {**start.transition(),
            "document": document.number, "krav_ids": cmd.krav_ids,
            "deadline": until.isoformat() if until else None, "vite_sek": vite,
            "terms": terms.to_json(), "immediate": cmd.immediate})
        if rehearse:
            raise Rehearsed([
                f"Föreläggande{' med vite' if vite else ''} ({document.number}) beslutas "
                "och skickas till arbetsgivaren, med kopia till huvudskyddsombudet; det ska "
                "sedan delges.",
                *terms_summary(terms),
                "Beslutet gäller omedelbart (9 kap. 5 § arbetsmiljölagen)." if cmd.immediate
                else "Beslutet gäller när det har vunnit laga kraft."])
    return DecisionMade(int(decision[0]["id"]), document, new_version, start.new_status.value)


async def record_delgivning(actor: Actor, cmd: RecordDelgivning) -> Delgiven:
    """Proof of service: without it a vite cannot be imposed (DOMAIN.md, step 10)."""
    case_id, version, document_id, method = cmd.case_id, cmd.version, cmd.document_id, cmd.method
    if method not in SERVICE_METHODS:
        raise InvalidInput(f"Okänt delgivningssätt {method!r}; välj "
                           f"{', '.join(SERVICE_METHODS)}.", "method")
    async with write_tx():
        start = await begin(case_id, actor, Step.DELGIVNING, version)
        doc = await document_of_case(case_id, document_id)
        if doc["kind"] not in SERVABLE_LETTERS:
            raise InvalidInput(f"Dokument {doc['number']} är inget utgående brev.", "document_id")
        if doc["served_on"] is not None:
            raise StepRefused(f"Dokument {doc['number']} är redan delgivet {doc['served_on']}.")
        day = parse_date(cmd.date, "date")
        not_in_future(day, start.today, "date")
        if doc["sent_on"] and day < doc["sent_on"]:
            raise InvalidInput("Delgivningen kan inte ske före den dag brevet skickades.", "date")
        await Document.update({Document.served_on: day, Document.served_how: method}
                              ).where(Document.id == document_id)
        changes = await _deadline_from_service(case_id, document_id, day)
        new_version = await commit(start, **changes)
        await audit.record(actor, "document.delgivning", case_id, {**start.transition(),
            "document": doc["number"], "date": day.isoformat(), "method": method})
    return Delgiven(document_id, day.isoformat(), method, new_version)


async def _deadline_from_service(case_id: int, document_id: int, served_on: date
                                 ) -> dict[str, date]:
    """A deadline set as days after delgivning gets its date when the decision is served."""
    fore = await decision_of_document(document_id, "forelaggande")
    if fore is None:
        return {}
    stored = fore["terms"]
    if "atgarder" not in stored:
        return {}
    terms = Terms.from_json(stored)
    dates = [a.deadline.effective(served_on) for a in terms.atgarder]
    until = max(d for d in dates if d is not None)
    await Decision.update({Decision.deadline: until}).where(Decision.id == fore["id"])
    for a in terms.atgarder:
        await Krav.update({Krav.deadline: a.deadline.effective(served_on)}).where(
            Krav.id == a.krav_id)
    return {"svar_senast": until}


async def _last_forelaggande(case_id: int) -> ForelaggandeRow:
    fore = await last_forelaggande(case_id)
    if fore is None:
        raise StepRefused("Det finns inget föreläggande i ärendet.")
    return fore


def ordered_terms(fore: ForelaggandeRow) -> Terms:
    """What a föreläggande ordered; one decided before terms were stored: its krav, its
    one deadline and its vite for them together."""
    stored = fore["terms"]
    if "atgarder" in stored:  # stored terms name at least one åtgärd (Terms requires it)
        return Terms.from_json(stored)
    return Terms(tuple(Atgard(k, 0, Deadline(on=fore["deadline"])) for k in fore["krav_ids"]),
                 ViteMode.GEMENSAMT if fore["vite_sek"] else ViteMode.INGET, fore["vite_sek"],
                 "Vitet gäller åtgärderna tillsammans." if fore["vite_sek"] else "")


async def apply_utdomande(actor: Actor, cmd: ApplyUtdomande,
                          rehearse: bool = False) -> DecisionMade:
    """AV applies to förvaltningsrätten for the vite to be imposed, for the unmet åtgärder
    only; the ansökan is written and registered in the same step."""
    case_id, version, krav_ids = cmd.case_id, cmd.version, cmd.krav_ids
    amount_sek, motivering = cmd.amount_sek, cmd.motivering
    settings = load_settings()
    async with write_tx():
        start = await begin(case_id, actor, Step.UTDOMANDE, version)
        fore = await _last_forelaggande(case_id)
        terms = ordered_terms(fore)
        numbers = {k["id"]: k["number"] for k in await Krav.select(Krav.id, Krav.number).where(
            Krav.case == case_id)}
        terms = Terms(tuple(Atgard(a.krav_id, numbers.get(a.krav_id, a.number), a.deadline,
                                   a.vite_sek) for a in terms.atgarder),
                      terms.vite_mode, terms.vite_sek, terms.vite_reason)
        record = UtdomandeCase(terms, fore["decided_on"], fore["served_on"],
                               await assessment_facts(case_id), bool(fore["immediate"]))
        requested = list(krav_ids) if krav_ids else [a.krav_id for a in terms.atgarder]
        limit_default = terms.total_vite or 0
        unmet = check_utdomande(record, start.today, settings.delgivning_margin_days,
                                requested, amount_sek if amount_sek is not None
                                else limit_default, motivering)
        amount = amount_sek if amount_sek is not None else limit_default
        ids = [u.krav_id for u in unmet]
        await check_decision_citations(case_id, ids, start.today)
        document = await store_letter(
            start, "ansokan_utdomande",
            {"krav_ids": ids, "amount_sek": amount, "forelaggande_id": fore["id"],
             "motivering": motivering.strip()},
            krav_ids=ids, vite_sek=amount, terms=terms, unmet=tuple(unmet),
            forelaggande=fore, motivering=motivering.strip(), decided_by=actor.user_id)
        decision = await Decision.insert(Decision(
            case=case_id, kind="utdomande", document=document.id, krav_ids=ids,
            vite_sek=amount, decided_on=start.today, decided_by=actor.user_id,
            motivering=motivering.strip(),
        )).returning(Decision.id)
        new_version = await commit(start)
        await audit.record(actor, "decision.utdomande", case_id, {**start.transition(),
            "forelaggande_id": fore["id"], "document": document.number, "krav_ids": ids,
            "amount_sek": amount, "motivering": motivering.strip()})
        if rehearse:
            raise Rehearsed([
                f"Ansökan om utdömande av vite ({document.number}) skickas till "
                "förvaltningsrätten, med föreläggandet, beviset om delgivning och "
                "uppföljningen som bilagor.",
                f"Yrkande: {kr(amount)} för åtgärd "
                + ", ".join(str(u.number) for u in unmet) + ".",
                *[f"Åtgärd {u.number}: skulle vara vidtagen {u.deadline.isoformat()}; "
                  f"inte vidtagen enligt {u.shown_by.source}." for u in unmet]])
    return DecisionMade(int(decision[0]["id"]), document, new_version, start.new_status.value)


async def record_dom(actor: Actor, cmd: RecordDom) -> DomRecorded:
    """The court's outcome on AV's application; after it the case closes or escalates anew."""
    case_id, version, day, outcome = cmd.case_id, cmd.version, cmd.day, cmd.outcome
    amount_sek, laga_kraft = cmd.amount_sek, cmd.laga_kraft
    if isinstance(amount_sek, bool) or not isinstance(amount_sek, int):
        raise InvalidInput("amount_sek ska vara ett belopp i hela kronor.", "amount_sek")
    async with write_tx():
        start = await begin(case_id, actor, Step.DOM, version)
        applied = await Decision.select().where(
            (Decision.case == case_id) & (Decision.kind == "utdomande")
        ).order_by(Decision.id, ascending=False).first()
        assert applied is not None  # the lifecycle state guarantees it
        dom_day = parse_date(day, "date")
        kraft = laga_kraft
        result = check_dom(outcome, amount_sek, int(applied["vite_sek"] or 0), dom_day,
                           applied["decided_on"], start.today, kraft)
        decision = await Decision.insert(Decision(
            case=case_id, kind="dom", krav_ids=applied["krav_ids"], vite_sek=amount_sek,
            decided_on=dom_day, decided_by=actor.user_id, outcome=result.value,
            laga_kraft=kraft)).returning(Decision.id)
        new_version = await commit(start, svar_senast=None)
        await audit.record(actor, "decision.dom", case_id, {**start.transition(),
            "date": dom_day.isoformat(), "outcome": result.value, "amount_sek": amount_sek,
            "laga_kraft": kraft.isoformat() if kraft else None})
    return DomRecorded(int(decision[0]["id"]), new_version, start.new_status.value,
                       result.value)


async def _draft(actor: Actor, case_id: int, step: Step) -> CaseFileRow:
    check_role(step, actor.role)
    case = await load_case(case_id)
    require_case_access(actor, case["region_code"])
    return case


def _render(view: LetterView) -> tuple[bytes, bytes]:
    from inspektion.documents import render_letter  # lazily: see documents/__init__.py

    rendered = render_letter(view)
    return rendered.pdf, rendered.docx


async def preview_decision(actor: Actor, case_id: int, kind: str, svar_senast: date | None,
                           cmd: DecisionIn) -> tuple[bytes, bytes]:
    """A draft underrättelse or föreläggande (UTKAST), neither stored nor registered."""
    letter: LetterKind = "underrattelse" if kind == "underrattelse" else "forelaggande"
    step = Step.UNDERRATTELSE if letter == "underrattelse" else Step.FORELAGGANDE
    case = await _draft(actor, case_id, step)
    today = clock.today()
    chosen = await krav_of_case(case_id, cmd.krav_ids)
    if kind == "forelaggande" and not cmd.vite_reason.strip():
        under = await last_decision(case_id, "underrattelse")
        if under is not None:
            cmd = replace(cmd, vite_reason=announced_terms(
                under["terms"], under["krav_ids"], under["vite_sek"]).vite_reason)
    terms = build_terms(cmd, _records(chosen), today)
    due = svar_senast
    dates = [a.deadline.on for a in terms.atgarder if a.deadline.on]
    view = await build_view(
        case_id, letter, today, f"{case['diarienummer']}-UTKAST",
        krav_ids=cmd.krav_ids, svar_senast=due, vite_sek=terms.total_vite,
        deadline=max(dates) if len(dates) == len(terms.atgarder) else None,
        decided_by=actor.user_id, presented_by=case["inspector1"], draft=True, terms=terms,
        immediate=cmd.immediate)
    return _render(view)


async def preview_ansokan(actor: Actor, case_id: int, krav_ids: list[int],
                          amount_sek: int | None, motivering: str) -> tuple[bytes, bytes]:
    """A draft ansökan (UTKAST): the same rules as the real one, nothing written."""
    case = await _draft(actor, case_id, Step.UTDOMANDE)
    today = clock.today()
    fore = await _last_forelaggande(case_id)
    terms = ordered_terms(fore)
    numbers = {k["id"]: k["number"] for k in await Krav.select(Krav.id, Krav.number).where(
        Krav.case == case_id)}
    terms = Terms(tuple(Atgard(a.krav_id, numbers.get(a.krav_id, a.number), a.deadline,
                               a.vite_sek) for a in terms.atgarder),
                  terms.vite_mode, terms.vite_sek, terms.vite_reason)
    record = UtdomandeCase(terms, fore["decided_on"], fore["served_on"],
                           await assessment_facts(case_id), bool(fore["immediate"]))
    requested = krav_ids or [a.krav_id for a in terms.atgarder]
    amount = amount_sek if amount_sek is not None else terms.total_vite or 0
    unmet = check_utdomande(record, today, load_settings().delgivning_margin_days, requested,
                            amount, motivering)
    view = await build_view(
        case_id, "ansokan_utdomande", today, f"{case['diarienummer']}-UTKAST",
        krav_ids=[u.krav_id for u in unmet], vite_sek=amount, terms=terms, unmet=tuple(unmet),
        forelaggande=fore, motivering=motivering.strip(), decided_by=actor.user_id,
        draft=True)
    return _render(view)

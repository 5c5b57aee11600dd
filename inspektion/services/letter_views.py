"""Build the read-only `LetterView` of a case for the letters package."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TypedDict

from inspektion.config import load_settings
from inspektion.db.queries_letters import (
    ForelaggandeRow,
    KravRow,
    LetterHead,
    LetterMeetingRow,
    SignerRow,
    krav_for_letter,
    letter_head,
    meetings_for_letter,
    signer,
)
from inspektion.db.tables import Krav
from inspektion.documents import KravLine, LegalRef, LetterView, MeetingLine, Person
from inspektion.documents.view import AnsokanView, LetterKind, UnmetLine
from inspektion.domain.catalogue import (
    Catalogue,
    refuse_rules_not_in_force,
    require_verified_for_decision,
)
from inspektion.domain.errors import StepRefused
from inspektion.domain.forum import vite_court, vite_court_basis
from inspektion.domain.kommunicering import Terms
from inspektion.domain.utdomande import Unmet
from inspektion.reference.files import read_courts, read_vite_forum
from inspektion.services import reference
from inspektion.services.decision_record import case_record
from inspektion.services.escalation_labels import SERVICE_METHODS

# The legal ground a föreläggande or underrättelse rests on, by catalogue citation.
FORELAGGANDE_BASIS = ["AML 7 kap. 7 §", "AML 9 kap. 2 §"]
VITE_BASIS = ["Lag (1985:206) om viten 2 §", "Lag (1985:206) om viten 3 §"]
UNDERRATTELSE_BASIS = ["AML 7 kap. 7 §", "Förvaltningslag (2017:900) 25 §"]

# What each ground gives, as a letter says it to the employer. The catalogue's topics are
# notes for choosing a citation, not sentences a decision can carry.
LETTER_TEXT = {
    "AML 7 kap. 7 §": "Arbetsmiljöverket får meddela de förelägganden som behövs för att "
    "arbetsmiljölagen och föreskrifter som meddelats med stöd av lagen ska följas. Ett "
    "föreläggande får förenas med vite.",
    "AML 9 kap. 2 §": "Arbetsmiljöverkets beslut i ett enskilt ärende får överklagas till "
    "allmän förvaltningsdomstol.",
    "Lag (1985:206) om viten 2 §": "Ett vitesföreläggande riktas till en eller flera "
    "namngivna adressater och ska delges den som det riktas till.",
    "Lag (1985:206) om viten 3 §": "Vitets belopp bestäms med hänsyn till vad som är känt om "
    "adressatens ekonomiska förhållanden och till omständigheterna i övrigt.",
    "Förvaltningslag (2017:900) 25 §": "Innan en myndighet fattar ett beslut ska den som är "
    "part få tillfälle att yttra sig över det som har tillförts ärendet.",
}

_DEFAULT_TITLE = "Arbetsmiljöinspektör"


def _person(row: SignerRow | None, default_title: str = _DEFAULT_TITLE) -> Person | None:
    if not row:
        return None
    return Person(name=row["display_name"] or row["username"], title=row["title"] or default_title,
                  email=row["email"], phone=row["phone"])


async def _user(user_id: int | None) -> SignerRow | None:
    if user_id is None:
        return None
    return await signer(user_id)


# How a preview marks a citation not yet checked against its source text.
UNVERIFIED_MARK = " [ej verifierad mot källtexten]"


class KravText(TypedDict):
    """A krav as a letter prints it: a krav of the case (db KravRow) or a template's text."""

    number: int
    text: str
    citations: list[str]
    brist: str
    deadline: date | None


class UnverifiedCitation(TypedDict):
    """A krav's citation (as printed) that no jurist has verified against its source yet."""

    krav: int       # the krav's number
    citation: str


class ViewArgs(TypedDict, total=False):
    """What a step gives `build_view` besides the case, kind, date and number (all optional)."""

    krav_ids: list[int] | None
    svar_senast: date | None
    vite_sek: int | None
    deadline: date | None
    decided_by: int | None
    presented_by: int | None
    lines: tuple[KravLine, ...] | None
    draft: bool
    terms: Terms | None
    immediate: bool
    unmet: tuple[Unmet, ...]
    forelaggande: ForelaggandeRow | None
    motivering: str


def krav_lines(catalogue: Catalogue, rows: Sequence[KravText], day: date,
               deadline: date | None = None, *, flag_unverified: bool = False
               ) -> tuple[KravLine, ...]:
    """Citations as in force on the letter's date, in the form a letter prints them.

    A repealed rule is replaced by its successors; a krav whose rule has none in force
    stops the letter (409) naming the krav by its number. A preview flags every citation
    not yet verified against its source text.
    """
    mapped, missing = catalogue.krav_citations_on(
        [(int(r["number"]), list(r["citations"])) for r in rows], day)
    refuse_rules_not_in_force(catalogue, missing, day)

    def printed(citation: str) -> str:
        mark = UNVERIFIED_MARK if flag_unverified and catalogue.unverified([citation]) else ""
        return catalogue.letter_form(citation) + mark

    return tuple(
        KravLine(number=r["number"], text=r["text"],
                 citations=tuple(printed(c) for c in mapped[int(r["number"])]),
                 brist=r["brist"] or "", deadline=deadline or r["deadline"])
        for r in rows)


async def check_decision_citations(case_id: int, krav_ids: list[int], day: date) -> None:
    """A decision's krav cite only rules in force on its date, each verified (else 409)."""
    rows = await Krav.select(Krav.number, Krav.citations).where(
        (Krav.case == case_id) & Krav.id.is_in(krav_ids or [-1])).output(load_json=True)
    require_verified_for_decision(
        await reference.catalogue(),
        [(int(r["number"]), list(r["citations"])) for r in rows], day)


async def unverified_citations(case_id: int, krav_ids: list[int] | None,
                               day: date) -> list[UnverifiedCitation]:
    """For the issue form: each krav citation (as printed on `day`) not yet verified."""
    query = Krav.select(Krav.id, Krav.number, Krav.citations).where(Krav.case == case_id)
    rows = [r for r in await query.output(load_json=True)
            if krav_ids is None or r["id"] in krav_ids]
    catalogue = await reference.catalogue()
    mapped, _missing = catalogue.krav_citations_on(
        [(int(r["number"]), list(r["citations"])) for r in rows], day)
    return [UnverifiedCitation(krav=number, citation=catalogue.letter_form(p.citation))
            for number, cited in sorted(mapped.items())
            for p in catalogue.unverified(list(cited))]


def legal_refs(catalogue: Catalogue, citations: list[str]) -> tuple[LegalRef, ...]:
    refs = []
    for citation in citations:
        para = catalogue.find(citation)
        if para is not None and not para.repealed:
            refs.append(LegalRef(catalogue.letter_form(para.citation),
                                 LETTER_TEXT.get(para.citation, para.topic)))
    return tuple(refs)


async def build_view(case_id: int, kind: LetterKind, letter_date: date, document_number: str,
                     *, krav_ids: list[int] | None = None, svar_senast: date | None = None,
                     vite_sek: int | None = None, deadline: date | None = None,
                     decided_by: int | None = None, presented_by: int | None = None,
                     lines: tuple[KravLine, ...] | None = None,
                     draft: bool = False, terms: Terms | None = None,
                     immediate: bool = False, unmet: tuple[Unmet, ...] = (),
                     forelaggande: ForelaggandeRow | None = None,
                     motivering: str = "") -> LetterView:
    head = await letter_head(case_id)
    assert head is not None
    if not head["employer"] or not head["org_nr"]:
        raise StepRefused(
            "Arbetsgivarens registrerade namn och organisationsnummer saknas i ärendet. Ange "
            "dem under Arbetsgivare på ärendesidan innan brevet skrivs.")
    catalogue = await reference.catalogue()
    inspectors = tuple(p for p in [_person(await _user(head["inspector1"])),
                                   _person(await _user(head["inspector2"]))] if p)
    meetings = await meetings_for_letter(case_id)
    rows = await krav_for_letter(case_id, krav_ids)
    if kind == "underrattelse":
        # The krav's own deadlines (from the inspektionsmeddelande) have passed by now; the
        # intended decision sets new ones, so the underrättelse prints none.
        rows = [{**r, "deadline": None} for r in rows]
    krav = lines if lines is not None else krav_lines(
        catalogue, rows, letter_date, deadline if kind == "forelaggande" else None,
        flag_unverified=draft)
    if terms is not None and kind in ("underrattelse", "forelaggande"):
        krav = tuple(_with_terms(line, terms) for line in krav)
    record = None
    if kind in ("underrattelse", "forelaggande"):
        record = await case_record(case_id)
    ansokan = None
    if kind == "ansokan_utdomande" and forelaggande is not None:
        ansokan = _ansokan(head, rows, unmet, forelaggande, vite_sek or 0, motivering, terms)
    basis: list[str] = []
    if kind == "forelaggande":
        basis = FORELAGGANDE_BASIS + (VITE_BASIS if vite_sek else [])
    elif kind == "underrattelse":
        basis = UNDERRATTELSE_BASIS + (VITE_BASIS if vite_sek else [])
    decider = _person(await _user(decided_by), "Jurist")
    # Who sends the letter signs it: the jurist who decides (or sends an underrättelse).
    decides = kind in ("forelaggande", "ansokan_utdomande") or (
        kind == "underrattelse" and decided_by is not None)
    contact = decider if decides and decider else (
        inspectors[0] if inspectors else Person("Arbetsmiljöverket"))
    addressee = head["employer"]
    address = head["address"] or None
    if ansokan is not None:
        addressee, address = ansokan.court, None
    return LetterView(
        kind=kind, diarienummer=head["diarienummer"], document_number=document_number,
        letter_date=letter_date, employer=head["employer"], employer_org_nr=head["org_nr"],
        addressee=addressee, namnd="" if ansokan is not None else head["namnd"],
        addressee_address=address,
        workplace=head["workplace"], kommun=head["kommun"], lan=head["lan"],
        inspectors=inspectors, contact=contact,
        meetings=tuple(MeetingLine(
            kind=m["kind"], date=m["date"], arbetsomrade=m["arbetsomrade"],
            participant_roles=tuple(p["role"] for p in m["participants"])) for m in meetings),
        krav=krav,
        svar_senast=svar_senast, vite_sek=vite_sek, deadline=deadline,
        decided_by=decider if decides else None,
        presented_by=_person(await _user(presented_by)) if kind == "forelaggande" else None,
        legal_basis=legal_refs(catalogue, basis),
        safety_representative=_safety_representative(meetings),
        draft=draft,
        vite_mode=terms.vite_mode.value if terms else ("gemensamt" if vite_sek else "inget"),
        vite_reason=terms.vite_reason if terms else "",
        immediate=immediate, record=record, ansokan=ansokan,
    )


def _with_terms(line: KravLine, terms: Terms) -> KravLine:
    """The åtgärd's own deadline (a date or a period after delgivning) and its own vite."""
    atgard = next((a for a in terms.atgarder if a.number == line.number), None)
    if atgard is None:
        return line
    return replace(line, deadline=atgard.deadline.on, deadline_text=atgard.deadline.as_text(),
                   vite_sek=atgard.vite_sek)


def _ansokan(head: LetterHead, rows: list[KravRow], unmet: tuple[Unmet, ...],
             fore: ForelaggandeRow, amount: int, motivering: str,
             terms: Terms | None) -> AnsokanView:
    fixtures = load_settings().fixtures_dir
    forum = read_vite_forum(fixtures)
    court = vite_court(read_courts(fixtures), forum)
    basis = vite_court_basis(court, forum)
    texts = {r["id"]: r["text"] for r in rows}
    # The rules (domain/utdomande.check_utdomande) refused an unserved föreläggande before
    # any ansökan is written, and a föreläggande is always decided with its letter.
    assert fore["document_number"] is not None and fore["served_on"] is not None
    return AnsokanView(
        court=court.name, court_basis=basis,
        forelaggande_number=fore["document_number"], forelaggande_date=fore["decided_on"],
        served_on=fore["served_on"],
        served_how=SERVICE_METHODS.get(fore["served_how"] or "", "delgivning"),
        vite_total=(terms.total_vite if terms else fore["vite_sek"]) or 0,
        unmet=tuple(UnmetLine(u.number, texts.get(u.krav_id, ""), u.deadline,
                              u.shown_by.source) for u in unmet),
        amount_sek=amount, motivering=motivering,
        motpart_address=", ".join(p for p in (head["namnd"], head["workplace"], head["address"])
                                  if p))


def _safety_representative(meetings: list[LetterMeetingRow]) -> str | None:
    """The skyddsombud met during the inspection, "Jonas Ek, huvudskyddsombud"."""
    for m in meetings:
        for p in m["participants"]:
            role = p["role"].strip()
            if "skyddsombud" in role.lower() and p.get("name"):
                return f"{p['name']}, {role[:1].lower()}{role[1:]}"
    return None

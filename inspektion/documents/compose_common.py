"""Parts every letter shares: reference block, address, contact, signatures, copies.

Kept apart from the four kinds so a change in, say, how a contact person is presented
happens once and shows in every letter the same way.
"""

import re
from collections.abc import Iterable

from .model import (
    SENDER_EMAIL,
    SENDER_NAME,
    SENDER_PHONE,
    SENDER_POSTAL,
    Block,
    Bullets,
    Field,
    Letter,
    NumberedItem,
    Paragraph,
    Section,
    Signature,
)
from .swedish import join_words, kronor, swedish_date
from .view import KravLine, LegalRef, LetterView, Person


def reference_fields(view: LetterView) -> tuple[Field, ...]:
    """The block at the top right that a registry uses to file the letter."""
    return (
        Field("Datum", swedish_date(view.letter_date)),
        Field("Diarienummer", view.diarienummer),
        Field("Dokumentnummer", view.document_number),
        Field("Er referens", ""),
    )


def _already_said(part: str, lines: list[str]) -> bool:
    """`part` adds nothing: an earlier line says it (same words, any case)."""
    folded = part.casefold()
    return any(folded in line.casefold() for line in lines)


def addressee_lines(view: LetterView) -> tuple[str, ...]:
    """The address block: the legal person by registered name and organisationsnummer, then
    the nämnd/förvaltning and the workplace, each once, then the postal address.

    A letter to someone other than the employer (a court) is addressed to that body alone.
    """
    lines = [view.addressee]
    if view.addressee == view.employer:
        if view.employer_orgnr:
            lines.append(f"Org.nr {view.employer_orgnr}")
        for part in (view.namnd, view.workplace):
            part = part.strip().removesuffix(f", {view.employer}").strip()
            if part and not _already_said(part, lines):
                lines.append(part)
    if view.addressee_address:
        for part in view.addressee_address.splitlines():
            if part.strip() and not _already_said(part.strip(), lines):
                lines.append(part.strip())
    return tuple(lines)


def footer_lines() -> tuple[str, ...]:
    return (
        f"{SENDER_NAME}, {SENDER_POSTAL}",
        f"Telefon {SENDER_PHONE} · E-post {SENDER_EMAIL}",
    )


def employer_phrase(view: LetterView) -> str:
    """The employer with its organisation number when known: it is the legal addressee."""
    if view.employer_org_nr:
        return f"{view.employer} (organisationsnummer {view.employer_org_nr})"
    return view.employer


def workplace_phrase(view: LetterView) -> str:
    """ "Socialkontoret i Hörby, Skåne län"; the municipality is not named twice when the
    workplace's own name already has it ("Socialkontoret Hörby, Skåne län")."""
    named = re.search(rf"(?<!\w){re.escape(view.kommun)}(?!\w)", view.workplace, re.IGNORECASE)
    if named:
        return f"{view.workplace}, {view.lan}"
    return f"{view.workplace} i {view.kommun}, {view.lan}"


def person_phrase(person: Person) -> str:
    """ "Anna Berg, arbetsmiljöinspektör" – a title is lower case inside a sentence."""
    if person.title:
        return f"{person.name}, {person.title[0].lower()}{person.title[1:]}"
    return person.name


def contact_details(person: Person) -> str:
    parts = []
    if person.phone:
        parts.append(f"telefon {person.phone}")
    if person.email:
        parts.append(f"e-post {person.email}")
    return join_words(parts)


def contact_section(view: LetterView, *, what: str) -> Section:
    """Who to call, and how to send paper to the registry with the right diarienummer."""
    contact = view.contact
    details = contact_details(contact)
    blocks: list[Block] = [
        Paragraph(
            f"Har ni frågor om {what} är ni välkomna att kontakta {person_phrase(contact)}"
            + (f", {details}." if details else ".")
        ),
        Paragraph(
            f"Skicka svar och handlingar till {SENDER_EMAIL} eller till {SENDER_NAME}, "
            f"{SENDER_POSTAL}. Ange alltid diarienummer {view.diarienummer}."
        ),
    ]
    return Section("Kontakt", tuple(blocks))


def inspector_signatures(view: LetterView) -> tuple[Signature, ...]:
    return tuple(Signature(p.name, p.title) for p in view.inspectors)


# AML 7 kap. 14 §: the authority gives the skyddsombud a copy of every written message on
# working environment matters to a workplace, so every letter kind carries the copy line.
SAFETY_REP_COPY_LAW = "7 kap. 14 § arbetsmiljölagen (1977:1160)"


def copy_lines(view: LetterView) -> tuple[str, ...]:
    """Who gets a copy: the skyddsombud, by name when the case knows it, and why."""
    who = view.safety_representative or "Skyddsombudet vid arbetsstället"
    return (who, f"Kopian lämnas enligt {SAFETY_REP_COPY_LAW}.")


def build_letter(
    view: LetterView,
    title: str,
    sections: tuple[Section, ...],
    *,
    closing: str = "Med vänlig hälsning",
    signatures: tuple[Signature, ...] | None = None,
) -> Letter:
    """Wrap a kind's sections in the parts every letter has."""
    return Letter(
        kind=view.kind,
        title=title,
        diarienummer=view.diarienummer,
        document_number=view.document_number,
        letter_date=view.letter_date,
        reference=reference_fields(view),
        addressee=addressee_lines(view),
        sections=sections,
        closing=closing,
        signatures=inspector_signatures(view) if signatures is None else signatures,
        copies=copy_lines(view),
        footer=footer_lines(),
        draft=view.draft,
    )


def krav_items(
    krav: Iterable[KravLine],
    *,
    brist_label: str = "Brist",
    citation_label: str = "Stöd för kravet",
    deadline_label: str = "Ska vara åtgärdat senast",
    default_deadline: str | None = None,
    vite_label: str = "Vite för åtgärden",
) -> tuple[NumberedItem, ...]:
    """Krav as numbered items, in the order of their numbers, citations printed as given."""
    items = []
    for line in sorted(krav, key=lambda k: k.number):
        details: list[Field] = []
        if line.brist and brist_label:
            details.append(Field(brist_label, line.brist))
        if line.citations:
            details.append(Field(citation_label, "; ".join(line.citations)))
        if line.deadline_text:
            details.append(Field(deadline_label, line.deadline_text))
        elif line.deadline is not None:
            details.append(Field(deadline_label, swedish_date(line.deadline)))
        elif default_deadline:
            details.append(Field(deadline_label, default_deadline))
        if line.vite_sek:
            details.append(Field(vite_label, kronor(line.vite_sek)))
        items.append(NumberedItem(line.number, line.text, tuple(details)))
    return tuple(items)


def legal_basis_section(refs: Iterable[LegalRef], heading: str = "Lagstöd") -> Section:
    return Section(heading, (Bullets(tuple(f"{ref.citation}: {ref.text}" for ref in refs)),))

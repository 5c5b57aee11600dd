"""Parts every letter shares: reference block, address, contact, signatures, copies.

Kept apart from the four kinds so a change in, say, how a contact person is presented
happens once and shows in every letter the same way.
"""

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


def addressee_lines(view: LetterView) -> tuple[str, ...]:
    lines = [view.addressee]
    if view.addressee_address:
        lines.extend(part.strip() for part in view.addressee_address.splitlines() if part.strip())
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


def copy_lines(view: LetterView) -> tuple[str, ...]:
    if view.safety_representative:
        return (f"Huvudskyddsombud: {view.safety_representative}",)
    return ()


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

"""What the letters say: the same facts in the PDF and the DOCX, for every kind."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from inspektion.documents import LegalRef, Letter, LetterKind, compose_letter, render_letter
from inspektion.documents.legal import AML_7_7, cites
from inspektion.documents.model import Bullets, NumberedItem, Paragraph
from inspektion.documents.samples import sample_view

KINDS: tuple[LetterKind, ...] = (
    "inspektionsmeddelande",
    "tillsynsmeddelande",
    "underrattelse",
    "forelaggande",
)


def _sentences(letter: Letter) -> list[str]:
    """Every string of the letter's running text (the page furniture is tested apart)."""
    out = [letter.title, letter.closing, *letter.addressee, *letter.copies]
    out += [f.value for f in letter.reference if f.value]
    out += [s.name for s in letter.signatures]
    for section in letter.sections:
        out.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, Bullets):
                out.extend(block.items)
            elif isinstance(block, NumberedItem):
                out.append(block.text)
                out.extend(f"{d.label}: {d.value}" for d in block.details)
    return [s for s in out if s]


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_and_docx_state_the_same_required_facts(
    kind: LetterKind, rendered: Any, reader: Any
) -> None:
    view = sample_view(kind)
    letter = rendered[kind]
    in_pdf = reader.facts(reader.pdf_text(letter.pdf), view)
    in_docx = reader.facts(reader.docx_text(letter.docx), view)
    assert in_pdf == in_docx
    assert all(in_pdf.values()), [fact for fact, found in in_pdf.items() if not found]


@pytest.mark.parametrize("kind", KINDS)
def test_every_sentence_of_the_letter_is_in_both_files(
    kind: LetterKind, rendered: Any, reader: Any
) -> None:
    letter = compose_letter(sample_view(kind))
    pdf_text = reader.pdf_text(rendered[kind].pdf)
    docx_text = reader.docx_text(rendered[kind].docx)
    for sentence in _sentences(letter):
        wanted = " ".join(sentence.split())
        assert wanted in pdf_text, f"PDF saknar: {wanted}"
        assert wanted in docx_text, f"DOCX saknar: {wanted}"


def test_inspektionsmeddelande_lists_meetings_by_area_and_names_the_inspectors(
    rendered: Any, reader: Any
) -> None:
    text = reader.pdf_text(rendered["inspektionsmeddelande"].pdf)
    for area in ("Barn och unga", "Ekonomiskt bistånd", "Vuxna och missbruk"):
        assert f"Gruppsamtal med socialsekreterare, {area}" in text
    assert "8 september 2026: Förmöte" in text
    assert "Anna Lindqvist" in text and "Örjan Ekström" in text
    assert "anna.lindqvist@av.se" in text
    assert ("Kopia till Åsa Fröberg, huvudskyddsombud (Vision) Kopian lämnas enligt "
            "7 kap. 14 § arbetsmiljölagen (1977:1160).") in text


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_carries_the_sender_and_its_contact_details(
    kind: LetterKind, rendered: Any, reader: Any
) -> None:
    footer = compose_letter(sample_view(kind)).footer
    assert footer == (
        "Arbetsmiljöverket, 112 79 Stockholm",
        "Telefon 010-730 90 00 · E-post arbetsmiljoverket@av.se",
    )
    for page in reader.pdf_pages(rendered[kind].pdf):
        assert all(line in page for line in footer)
    docx_text = reader.docx_text(rendered[kind].docx)
    assert all(line in docx_text for line in footer)


def test_forelaggande_names_who_decided_and_who_presented(rendered: Any, reader: Any) -> None:
    text = reader.docx_text(rendered["forelaggande"].docx)
    assert "Beslutet har fattats av Mats Öhman, enhetschef." in text
    assert "Föredragande har varit Sofia Åberg, jurist." in text
    assert "Föreläggandet förenas med ett gemensamt vite om 50 000 kronor" in text
    assert "delges" in text
    assert "diarienummer 2026/000123, vilket beslut ni överklagar" in text
    assert "undertecknat" in text


def test_forelaggande_says_whether_it_applies_immediately_citing_9_kap_5() -> None:
    view = sample_view("forelaggande")
    immediate = replace(view, immediate=True)
    sentence = "Beslutet gäller omedelbart, även om det överklagas (9 kap. 5 § arbetsmiljölagen)."
    assert sentence in _all_text(compose_letter(immediate))
    assert sentence not in _all_text(compose_letter(view))
    assert "gäller först när det har vunnit laga kraft" in _all_text(compose_letter(view))
    assert "9 kap. 5 § arbetsmiljölagen (1977:1160)" in _all_text(compose_letter(immediate))


def test_forelaggande_adds_the_required_legal_basis_when_the_view_lacks_it() -> None:
    text = _all_text(compose_letter(replace(sample_view("forelaggande"), legal_basis=())))
    assert "7 kap. 7 § arbetsmiljölagen (1977:1160)" in text
    assert "Lagen (1985:206) om viten" in text


@pytest.mark.parametrize("kind", KINDS)
def test_no_letter_cites_the_repealed_or_wrong_vite_paragraph(kind: LetterKind) -> None:
    text = _all_text(compose_letter(sample_view(kind)))
    assert "7 kap. 9 §" not in text
    assert "7 kap. 8 §" not in text


def test_forelaggande_without_vite_is_titled_without_vite() -> None:
    letter = compose_letter(replace(sample_view("forelaggande"), vite_sek=None))
    assert letter.title == "Föreläggande"
    assert "kronor" not in _all_text(letter)


def test_underrattelse_says_nothing_is_decided_and_when_to_comment() -> None:
    letter = compose_letter(sample_view("underrattelse"))
    text = _all_text(letter)
    assert letter.title == "Underrättelse om föreläggande med vite"
    assert "Något beslut har ännu inte fattats." in text
    assert "senast 14 december 2026." in text
    assert "Huvudskyddsombudet får också lämna synpunkter" in text
    assert "vite om 50 000 kronor" in text


def test_tillsynsmeddelande_asks_for_an_account_by_the_date() -> None:
    text = _all_text(compose_letter(sample_view("tillsynsmeddelande")))
    assert "Vi vill ha er skriftliga redovisning senast 26 februari 2027." in text
    assert "inte ett beslut" in text


def test_krav_are_printed_in_number_order_with_their_deadline() -> None:
    view = sample_view("inspektionsmeddelande")
    shuffled = replace(view, krav=tuple(reversed(view.krav)))
    items = [
        b
        for s in compose_letter(shuffled).sections
        for b in s.blocks
        if isinstance(b, NumberedItem)
    ]
    assert [i.number for i in items] == sorted(k.number for k in view.krav)
    assert any(d.value == "31 mars 2027" for d in items[0].details)


def test_letter_without_answer_date_asks_for_an_answer_promptly() -> None:
    view = replace(sample_view("inspektionsmeddelande"), svar_senast=None)
    assert "Vi vill ha ert skriftliga svar snarast." in _all_text(compose_letter(view))


def test_rendering_works_for_a_minimal_view() -> None:
    view = replace(
        sample_view("inspektionsmeddelande"),
        employer_org_nr=None,
        addressee_address=None,
        meetings=(),
        krav=(),
        safety_representative=None,
        letter_date=date(2027, 1, 5),
    )
    result = render_letter(view)
    assert result.pdf.startswith(b"%PDF") and result.docx.startswith(b"PK")


def _all_text(letter: Letter) -> str:
    return " ".join(" ".join(_sentences(letter)).split())


def test_meetings_without_group_conversations_do_not_claim_any() -> None:
    view = sample_view("inspektionsmeddelande")
    visits = tuple(m for m in view.meetings if m.kind != "gruppsamtal")
    text = _all_text(compose_letter(replace(view, meetings=visits)))
    assert "Inspektionen omfattade följande möten:" in text
    assert "gruppsamtal" not in text.lower()


@pytest.mark.parametrize(
    ("citation", "text", "counts"),
    [
        ("AML 7 kap. 7 §", "", True),
        ("7 kap. 7 § arbetsmiljölagen", "", True),
        ("17 kap. 7 § arbetsmiljölagen", "", False),
        ("7 kap. 7 § skollagen", "samlade regler", False),
    ],
)
def test_a_required_reference_is_recognised_in_its_usual_spellings(
    citation: str, text: str, counts: bool
) -> None:
    assert cites((LegalRef(citation, text),), AML_7_7) is counts

"""The DOCX as Word sees it: page-number fields, Swedish language, A4, draft marking."""

import io
import zipfile
from datetime import UTC, datetime

from docx import Document

from inspektion.documents import RenderedLetter


def _xml(docx: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read(part).decode("utf-8")


def test_footer_numbers_pages_with_word_fields(rendered: dict[str, RenderedLetter]) -> None:
    footer = _xml(rendered["inspektionsmeddelande"].docx, "word/footer1.xml")
    assert "Sida " in footer and " av " in footer
    assert " PAGE " in footer and " NUMPAGES " in footer


def test_docx_is_swedish_a4_and_dated_by_the_letter(rendered: dict[str, RenderedLetter]) -> None:
    data = rendered["forelaggande"].docx
    assert 'w:val="sv-SE"' in _xml(data, "word/styles.xml")
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    props = doc.core_properties
    assert props.created == props.modified == datetime(2026, 11, 23, tzinfo=UTC)
    assert props.title == "Föreläggande med vite 2026/000123-9"
    assert props.language == "sv-SE"


def test_docx_carries_no_template_leftovers(rendered: dict[str, RenderedLetter]) -> None:
    with zipfile.ZipFile(io.BytesIO(rendered["tillsynsmeddelande"].docx)) as package:
        names = package.namelist()
        core = package.read("docProps/core.xml").decode("utf-8")
    assert not any("thumbnail" in name or "stylesWithEffects" in name for name in names)
    assert "python-docx" not in core


def test_draft_docx_is_marked_utkast_in_the_header(
    long_draft: RenderedLetter, long_final: RenderedLetter
) -> None:
    assert "UTKAST" in _xml(long_draft.docx, "word/header1.xml")
    assert "UTKAST" not in _xml(long_final.docx, "word/header1.xml")

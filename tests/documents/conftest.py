"""Shared helpers for the letter tests: sample views and reading text back out of files.

The helpers are served as fixtures (not imported) so the tests work whatever import mode
pytest runs in.
"""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pypdf
import pytest
from docx import Document
from docx.table import Table

from inspektion.documents import LetterKind, LetterView, RenderedLetter, render_letter
from inspektion.documents.samples import sample_view
from inspektion.documents.swedish import kronor, swedish_date

KINDS: tuple[LetterKind, ...] = (
    "inspektionsmeddelande",
    "tillsynsmeddelande",
    "underrattelse",
    "forelaggande",
)


# Page furniture drawn on every PDF page: header and footer first, the page number last.
_PAGE_HEAD = re.compile(r"^.*?E-post arbetsmiljoverket@av\.se ")
_PAGE_TAIL = re.compile(r" ?Sida \d+ av \d+$")


def normalise(text: str) -> str:
    """Collapse all whitespace (line breaks, tabs, no-break spaces) to single spaces."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Reader:
    """Reads a rendered letter the way a person (or a search) would: as plain text."""

    def pdf_pages(self, pdf: bytes) -> list[str]:
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        return [normalise(page.extract_text()) for page in reader.pages]

    def pdf_text(self, pdf: bytes) -> str:
        """The letter's running text, page furniture removed so sentences read across pages."""
        bodies = [_PAGE_TAIL.sub("", _PAGE_HEAD.sub("", page)) for page in self.pdf_pages(pdf)]
        return " ".join(bodies)

    def docx_text(self, docx: bytes) -> str:
        doc = Document(io.BytesIO(docx))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            parts.extend(_table_text(table))
        for section in doc.sections:
            parts.extend(p.text for p in section.header.paragraphs)
            parts.extend(p.text for p in section.footer.paragraphs)
        return normalise(" ".join(parts))

    def facts(self, text: str, view: LetterView) -> dict[str, bool]:
        """The facts a letter of this kind must state, each mapped to whether `text` has it."""
        wanted = [view.diarienummer, view.document_number, swedish_date(view.letter_date)]
        wanted += [k.text for k in view.krav]
        wanted += [c for k in view.krav for c in k.citations]
        if view.svar_senast is not None:
            wanted.append(swedish_date(view.svar_senast))
        if view.vite_sek is not None:
            wanted.append(kronor(view.vite_sek))
        if view.kind == "forelaggande":
            wanted += ["Beslut", "9 kap. 2 §", "förvaltningsrätten", "tre veckor", "7 kap. 7 §"]
        if view.kind == "underrattelse":
            wanted += ["25 § förvaltningslagen", "Något beslut har ännu inte fattats"]
        if view.kind == "inspektionsmeddelande":
            wanted += ["inte ett beslut", "inte att överklaga", "föreläggande"]
        return {normalise(w): normalise(w) in text for w in wanted}


def _table_text(table: Table) -> Iterator[str]:
    for row in table.rows:
        for cell in row.cells:
            yield from (p.text for p in cell.paragraphs)
            for inner in cell.tables:
                yield from _table_text(inner)


@pytest.fixture(scope="session")
def reader() -> Reader:
    return Reader()


@pytest.fixture(scope="session")
def rendered() -> dict[str, RenderedLetter]:
    """Each kind rendered once for the whole session: rendering is the slow part."""
    return {kind: render_letter(sample_view(kind)) for kind in KINDS}


@pytest.fixture(scope="session")
def long_draft() -> RenderedLetter:
    return render_letter(sample_view("inspektionsmeddelande", draft=True, krav_count=40))


@pytest.fixture(scope="session")
def long_final() -> RenderedLetter:
    return render_letter(sample_view("inspektionsmeddelande", krav_count=40))

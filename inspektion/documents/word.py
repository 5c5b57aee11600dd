"""Render a `Letter` as a Word document (DOCX) with python-docx.

The DOCX is the editable twin of the PDF: same sections, same sentences, same numbering,
"Sida X av Y" from Word's own PAGE and NUMPAGES fields. python-docx stamps the zip entries
with the current time, so the file is re-packed with fixed timestamps to make the same
letter give the same bytes (letters are verified by hash).
"""

import datetime as dt
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from .model import DRAFT_MARK, Bullets, Letter, NumberedItem, Paragraph, Section
from .word_format import (
    GREY,
    ITEM_INDENT,
    add_field,
    add_run,
    normalise_zip,
    set_cell_width,
    set_style,
    setup_styles,
)

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def render_docx(letter: Letter) -> bytes:
    """The letter as DOCX bytes; the same letter always gives the same bytes."""
    doc = Document()
    _drop_template_extras(doc)
    setup_styles(doc, letter.language)
    _set_properties(doc, letter)
    _page_setup(doc, letter)
    _top_block(doc, letter)
    title = doc.add_paragraph()
    set_style(title, "Title")
    add_run(title, letter.title)
    for section in letter.sections:
        _section(doc, section)
    _closing(doc, letter)
    buffer = BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue(), letter.letter_date)


def _drop_template_extras(doc: DocxDocument) -> None:
    """Drop parts of python-docx's template a letter does not need.

    The generic preview image would show as the letter's thumbnail, and the Word 2010
    duplicate of the style sheet (stylesWithEffects, 430 kB) only costs time to zip.
    """
    for rels, reltype in (
        (doc.part.package.rels, RT.THUMBNAIL),
        (doc.part.rels, _STYLES_WITH_EFFECTS),
    ):
        for r_id, rel in list(rels.items()):
            if rel.reltype == reltype:
                rels.pop(r_id)


def _set_properties(doc: DocxDocument, letter: Letter) -> None:
    stamp = dt.datetime(
        letter.letter_date.year,
        letter.letter_date.month,
        letter.letter_date.day,
        tzinfo=dt.UTC,
    )
    props = doc.core_properties
    props.title = f"{letter.title} {letter.document_number}"
    props.subject = letter.metadata_subject
    props.author = letter.sender
    props.last_modified_by = letter.sender
    props.keywords = f"{letter.diarienummer} {letter.document_number}"
    props.comments = ""
    props.category = letter.title
    props.language = letter.language
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _page_setup(doc: DocxDocument, letter: Letter) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(32), Mm(28)
    section.header_distance, section.footer_distance = Mm(12), Mm(10)

    header = section.header.paragraphs[0]
    add_run(header, letter.sender, bold=True, size=15)
    add_run(header, "\t" + letter.header_right, size=8, color=GREY)
    if letter.draft:
        mark = section.header.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_run(
            mark,
            f"{DRAFT_MARK} – inte ett gällande dokument",
            bold=True,
            size=9,
            color=RGBColor(0xBF, 0x0D, 0x0D),
        )

    footer = section.footer.paragraphs[0]
    add_run(footer, letter.footer[0], size=8, color=GREY)
    add_run(footer, "\tSida ", size=8, color=GREY)
    add_field(footer, "PAGE", "1")
    add_run(footer, " av ", size=8, color=GREY)
    add_field(footer, "NUMPAGES", "1")
    for line in letter.footer[1:]:
        add_run(section.footer.add_paragraph(), line, size=8, color=GREY)


def _top_block(doc: DocxDocument, letter: Letter) -> None:
    """Addressee on the left, the registry's reference block on the right."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    left, right = table.rows[0].cells
    set_cell_width(left, Mm(90))
    set_cell_width(right, Mm(75))
    _lines(left, letter.addressee, size=10.5)
    ref = right.add_table(rows=len(letter.reference), cols=2)
    ref.autofit = False
    # add_table leaves the cell's empty first paragraph above the table; drop it so the
    # reference block lines up with the address (the paragraph after the table stays).
    leading = right.paragraphs[0]._p
    leading.getparent().remove(leading)
    for row, field in zip(ref.rows, letter.reference, strict=True):
        label, value = row.cells
        set_cell_width(label, Mm(30))
        set_cell_width(value, Mm(45))
        cells = ((label, field.label, 8, GREY), (value, field.value, 9, None))
        for cell, text, size, color in cells:
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            add_run(paragraph, text, size=size, color=color)
    # A cell must end with a paragraph; keep the one after the nested table empty and small.
    trailing = right.paragraphs[-1].paragraph_format
    trailing.space_after, trailing.line_spacing = Pt(0), Pt(1)
    doc.add_paragraph().paragraph_format.space_after = Pt(14)


def _lines(cell: _Cell, lines: tuple[str, ...], *, size: float) -> None:
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        add_run(paragraph, line, size=size)


def _section(doc: DocxDocument, section: Section) -> None:
    heading = doc.add_paragraph()
    set_style(heading, "Heading1")
    add_run(heading, section.heading)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            add_run(doc.add_paragraph(), block.text, bold=block.strong)
        elif isinstance(block, Bullets):
            for item in block.items:
                bullet = doc.add_paragraph()
                set_style(bullet, "ListBullet")
                add_run(bullet, item)
        elif isinstance(block, NumberedItem):
            _numbered(doc, block)


def _numbered(doc: DocxDocument, item: NumberedItem) -> None:
    """A krav as "N." + hanging indent, its details under it, kept on one page if it fits."""
    first = doc.add_paragraph()
    fmt = first.paragraph_format
    fmt.left_indent, fmt.first_line_indent = ITEM_INDENT, -ITEM_INDENT
    fmt.tab_stops.add_tab_stop(ITEM_INDENT)
    fmt.space_before, fmt.space_after = Pt(4), Pt(2)
    add_run(first, f"{item.number}.\t", bold=True)
    add_run(first, item.text)
    paragraphs: list[DocxParagraph] = [first]
    for detail in item.details:
        line = doc.add_paragraph()
        line.paragraph_format.left_indent = ITEM_INDENT
        line.paragraph_format.space_after = Pt(2)
        add_run(line, f"{detail.label}: ", bold=True, size=9.5)
        add_run(line, detail.value, size=9.5)
        paragraphs.append(line)
    for paragraph in paragraphs[:-1]:
        paragraph.paragraph_format.keep_with_next = True


def _closing(doc: DocxDocument, letter: Letter) -> None:
    chain: list[DocxParagraph] = []
    if letter.closing:
        closing = doc.add_paragraph()
        closing.paragraph_format.space_before = Pt(12)
        closing.paragraph_format.space_after = Pt(24)
        add_run(closing, letter.closing)
        chain.append(closing)
    for signature in letter.signatures:
        name = doc.add_paragraph()
        name.paragraph_format.space_after = Pt(0)
        add_run(name, signature.name)
        chain.append(name)
        if signature.role:
            role = doc.add_paragraph()
            add_run(role, signature.role, color=GREY)
            chain.append(role)
    for paragraph in chain[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    if letter.copies:
        heading = doc.add_paragraph()
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.keep_with_next = True
        add_run(heading, "Kopia till", bold=True, size=9)
        for line in letter.copies:
            add_run(doc.add_paragraph(), line)

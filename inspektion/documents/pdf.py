"""Render a `Letter` as an A4 PDF with ReportLab's platypus.

Platypus flows paragraphs over pages, so a long letter never loses a line at a page
break. The output is byte-for-byte reproducible (stored letters are verified by hash):
ReportLab runs in invariant mode and the PDF dates are the letter's own date.
"""

import hashlib
import threading
from functools import partial
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import DummyDoc, PDFText
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph

from .fonts import BOLD, REGULAR, register_fonts
from .model import DRAFT_MARK, Bullets, Letter, NumberedItem, Paragraph, Section
from .pdf_styles import (
    GREY,
    LEFT_MARGIN,
    RIGHT_MARGIN,
    Styles,
    make_styles,
)
from .swedish import page_label

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 32 * mm
BOTTOM_MARGIN = 28 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
# ReportLab's state is global: every PDF this package builds (letters, the case summary) holds it.
REPORTLAB_LOCK = threading.Lock()


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF bytes; the same letter always gives the same bytes.

    ReportLab keeps font and configuration state in module globals, so one letter is
    built at a time; a build takes milliseconds, so the lock costs nothing in practice.
    """
    with REPORTLAB_LOCK:
        return _render(letter)


def _render(letter: Letter) -> bytes:
    register_fonts()
    styles = make_styles()
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"{letter.title} {letter.document_number}",
        author=letter.sender,
        subject=letter.metadata_subject,
        creator="inspektion",
        producer="inspektion (ReportLab)",
        keywords=f"{letter.diarienummer} {letter.document_number}",
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=10,
        lang=letter.language,
    )
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )

    def on_page(canvas: Any, _doc: Any) -> None:
        _draw_page_furniture(canvas, letter)

    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame], onPage=on_page)])
    canvasmaker = partial(_NumberedCanvas, file_id=_file_id(letter))
    doc.build(_story(letter, styles), canvasmaker=canvasmaker)
    return buffer.getvalue()


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """Holds pages back until the end so each can say "Sida N av M" with the true M."""

    def __init__(self, *args: Any, file_id: bytes, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        # ReportLab derives the file identifier from a timestamp that honours
        # SOURCE_DATE_EPOCH; setting it from the letter keeps bytes independent of the
        # environment.
        self._doc._ID = file_id

    def showPage(self) -> None:  # ReportLab names it so
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(REGULAR, 8)
            self.setFillColor(GREY)
            self.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, 18 * mm, page_label(number, total))
            super().showPage()
        super().save()


def _file_id(letter: Letter) -> bytes:
    """The PDF trailer /ID, derived from the letter's content (its repr is deterministic)."""
    digest = hashlib.md5(repr(letter).encode(), usedforsecurity=False).digest()
    ids: bytes = PDFText(digest, enc="raw").format(DummyDoc())
    return b"\n[" + ids + ids + b"]\n"


def _draw_page_furniture(canvas: Any, letter: Letter) -> None:
    """Letterhead, running header, footer and (for drafts) the watermark of one page."""
    canvas.saveState()
    date = letter.letter_date
    canvas.setDateFormatter(
        lambda *_: f"D:{date.year:04d}{date.month:02d}{date.day:02d}000000+00'00'"
    )
    if letter.draft:
        canvas.setFillColorRGB(0.86, 0.86, 0.86)
        canvas.setFont(BOLD, 96)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -30, DRAFT_MARK)
        canvas.rotate(-45)
        canvas.translate(-PAGE_WIDTH / 2, -PAGE_HEIGHT / 2)
    top = PAGE_HEIGHT - 16 * mm
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(BOLD, 15)
    canvas.drawString(LEFT_MARGIN, top, letter.sender)
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(GREY)
    canvas.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, top, letter.header_right)
    if letter.draft:
        canvas.setFillColorRGB(0.75, 0.05, 0.05)
        canvas.setFont(BOLD, 9)
        canvas.drawRightString(
            PAGE_WIDTH - RIGHT_MARGIN, top - 12, f"{DRAFT_MARK} – inte ett gällande dokument"
        )
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT_MARGIN, top - 18, PAGE_WIDTH - RIGHT_MARGIN, top - 18)
    canvas.line(LEFT_MARGIN, 22 * mm, PAGE_WIDTH - RIGHT_MARGIN, 22 * mm)
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(GREY)
    y = 18 * mm
    for line in letter.footer:
        canvas.drawString(LEFT_MARGIN, y, line)
        y -= 4 * mm
    canvas.restoreState()


def _p(text: str, style: Any, bullet: str | None = None) -> Flowable:
    return RLParagraph(escape(text), style, bulletText=bullet)


def _story(letter: Letter, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [_top_block(letter, styles), Spacer(1, 10 * mm)]
    story.append(_p(letter.title, styles.title))
    for section in letter.sections:
        story.extend(_section(section, styles))
    story.extend(_closing(letter, styles))
    return story


def _top_block(letter: Letter, styles: Styles) -> Flowable:
    """Addressee on the left, the registry's reference block on the right."""
    address = [_p(line, styles.address) for line in letter.addressee]
    rows = [
        [_p(f.label, styles.ref_label), _p(f.value, styles.ref_value)] for f in letter.reference
    ]
    reference = Table(rows, colWidths=[30 * mm, 45 * mm], hAlign="RIGHT")
    reference.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
            ]
        )
    )
    block = Table([[address, reference]], colWidths=[FRAME_WIDTH - 75 * mm, 75 * mm])
    block.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return block


def _section(section: Section, styles: Styles) -> list[Flowable]:
    flow: list[Flowable] = [_p(section.heading, styles.heading)]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            flow.append(_p(block.text, styles.strong if block.strong else styles.body))
        elif isinstance(block, Bullets):
            flow.extend(_p(item, styles.bullet, "•") for item in block.items)
        elif isinstance(block, NumberedItem):
            flow.append(_numbered(block, styles))
    return flow


def _numbered(item: NumberedItem, styles: Styles) -> Flowable:
    """A krav with its details, kept on one page when it fits; split by lines if not."""
    parts: list[Flowable] = [_p(item.text, styles.item, f"{item.number}.")]
    for detail in item.details:
        text = f"<font name='{BOLD}'>{escape(detail.label)}:</font> {escape(detail.value)}"
        parts.append(RLParagraph(text, styles.item_detail))
    return KeepTogether(parts)


def _closing(letter: Letter, styles: Styles) -> list[Flowable]:
    end: list[Flowable] = []
    if letter.closing:
        end.extend([_p(letter.closing, styles.body), Spacer(1, 8 * mm)])
    for signature in letter.signatures:
        end.append(_p(signature.name, styles.signature))
        if signature.role:
            end.append(_p(signature.role, styles.signature_role))
    flow: list[Flowable] = [Spacer(1, 6 * mm), KeepTogether(end)]
    if letter.copies:
        flow.append(
            KeepTogether(
                [
                    _p("Kopia till", styles.small_heading),
                    *(_p(line, styles.body) for line in letter.copies),
                ]
            )
        )
    return flow

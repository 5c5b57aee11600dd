"""Write the campaign report's blocks as DOCX (python-docx) and PDF (ReportLab).

The report is a flat list of blocks (heading, paragraph, list, table, image) built once by
services/campaign_report.py; both formats render the same list, so the Word file and the PDF
cannot say different things.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from inspektion.documents.fonts import BOLD, REGULAR, register_fonts


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]


@dataclass(frozen=True)
class TableBlock:
    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric_from: int = 1  # columns from this index are right-aligned numbers
    widths: Sequence[float] = ()  # shares of the text width, when the default does not fit


@dataclass(frozen=True)
class Picture:
    png: bytes
    width_cm: float
    caption: str


Block = Heading | Para | Bullets | TableBlock | Picture


@dataclass
class Report:
    title: str
    subtitle: str
    blocks: list[Block] = field(default_factory=list)

    def text(self) -> str:
        """Everything a reader sees as text, for tests and search."""
        out = [self.title, self.subtitle]
        for b in self.blocks:
            if isinstance(b, Heading | Para):
                out.append(b.text)
            elif isinstance(b, Bullets):
                out += list(b.items)
            elif isinstance(b, TableBlock):
                out.append(b.caption)
                out += [" | ".join(b.headers)] + [" | ".join(r) for r in b.rows]
            else:
                out.append(b.caption)
        return "\n".join(out)


def to_docx(report: Report) -> bytes:
    doc = new_docx()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    doc.core_properties.title = report.title
    doc.core_properties.language = "sv-SE"
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(report.subtitle).runs[0].italic = True
    for b in report.blocks:
        if isinstance(b, Heading):
            doc.add_heading(b.text, level=b.level)
        elif isinstance(b, Para):
            p = doc.add_paragraph(b.text)
            if b.small:
                for run in p.runs:
                    run.font.size = Pt(9)
        elif isinstance(b, Bullets):
            for item in b.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(b, TableBlock):
            doc.add_paragraph(b.caption).runs[0].bold = True
            table = doc.add_table(rows=1, cols=len(b.headers))
            table.style = "Light Grid Accent 1"
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            for cell, text in zip(table.rows[0].cells, b.headers, strict=True):
                cell.text = text
            for row in b.rows:
                cells = table.add_row().cells
                for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
                    cell.text = text
                    if i >= b.numeric_from:
                        cell.paragraphs[0].alignment = 2  # right
            doc.add_paragraph()
        else:
            doc.add_picture(io.BytesIO(b.png), width=Cm(b.width_cm))
            doc.add_paragraph(b.caption).runs[0].italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_pdf(report: Report) -> bytes:
    register_fonts()
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9.5, leading=13, spaceAfter=5)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11)
    cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0)
    cell_num = ParagraphStyle("cellnum", parent=cell, alignment=TA_RIGHT)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD, fontSize=7.5, leading=9)
    head_num = ParagraphStyle("headnum", parent=head, alignment=TA_RIGHT)
    caption = ParagraphStyle("caption", parent=base, fontName=BOLD, spaceBefore=6)
    heads = {1: ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=15, leading=19,
                               spaceBefore=12, spaceAfter=7, keepWithNext=1),
             2: ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=12, leading=15,
                               spaceBefore=10, spaceAfter=5, keepWithNext=1),
             3: ParagraphStyle("h3", parent=base, fontName=BOLD, fontSize=10.5, leading=13,
                               spaceBefore=7, spaceAfter=3, keepWithNext=1)}
    title = ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=20, leading=24,
                           spaceAfter=6)
    flow: list[object] = [Paragraph(_escape(report.title), title),
                          Paragraph(_escape(report.subtitle), small), Spacer(1, 8)]
    width = A4[0] - 4.4 * cm
    body: list[object] = []
    headings: list[object] = []  # kept on the page of what follows them
    styles = {"base": base, "small": small, "cell": cell, "cell_num": cell_num, "head": head,
              "head_num": head_num, "caption": caption}
    for b in report.blocks:
        if headings and not isinstance(b, Heading):
            body.append(KeepTogether([*headings, *_flowables(b, width, styles)]))
            headings = []
            continue
        if isinstance(b, Heading):
            headings.append(Paragraph(_escape(b.text), heads.get(b.level, heads[3])))
            continue
        body += _flowables(b, width, styles)
    flow += body + headings
    buf = io.BytesIO()

    def footer(canvas: object, doc: object) -> None:
        canvas.setFont(REGULAR, 8)  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 2.2 * cm, 1.2 * cm,  # type: ignore[attr-defined]
                               f"{report.title} – sida {doc.page}")  # type: ignore[attr-defined]

    SimpleDocTemplate(buf, pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
                      topMargin=2 * cm, bottomMargin=2 * cm, title=report.title,
                      lang="sv-SE").build(flow, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _flowables(b: Block, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    """One block as PDF flowables; a table and a picture keep their caption with them."""
    base, small, cell, cell_num = st["base"], st["small"], st["cell"], st["cell_num"]
    head, head_num, caption = st["head"], st["head_num"], st["caption"]
    flow: list[object] = []
    if isinstance(b, Para):
        flow.append(Paragraph(_escape(b.text), small if b.small else base))
    elif isinstance(b, Bullets):
        flow.append(ListFlowable([ListItem(Paragraph(_escape(i), base), leftIndent=12)
                                  for i in b.items], bulletType="bullet", start="•",
                                 leftIndent=12, bulletFontName=REGULAR))
    elif isinstance(b, TableBlock):
        data = [[Paragraph(_escape(h), head_num if i >= b.numeric_from else head)
                 for i, h in enumerate(b.headers)]]
        data += [[Paragraph(_escape(t), cell_num if i >= b.numeric_from else cell)
                  for i, t in enumerate(r)] for r in b.rows]
        cols = len(b.headers)
        first = width * (0.6 if cols <= 2 else 0.5 if cols == 3
                         else 0.24 if cols < 7 else 0.14)
        rest = (width - first) / max(1, len(b.headers) - 1)
        col_widths = [width * w for w in b.widths] if b.widths else \
            [first] + [rest] * (len(b.headers) - 1)
        table = Table(data, colWidths=col_widths, repeatRows=1)
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dbe7f3")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        flow.append(KeepTogether([Paragraph(_escape(b.caption), caption), table]))
        flow.append(Spacer(1, 6))
    elif isinstance(b, Picture):
        img = Image(io.BytesIO(b.png))
        scale = min(b.width_cm * cm, width) / img.imageWidth
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        if img.drawHeight > 22 * cm:
            shrink = 22 * cm / img.drawHeight
            img.drawWidth, img.drawHeight = img.drawWidth * shrink, 22 * cm
        flow.append(KeepTogether([img, Paragraph(_escape(b.caption), small)]))
    return flow

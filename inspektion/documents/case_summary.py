"""The printable case summary: the diarium of one case, in and out, as a PDF.

It uses the letters' fonts and styles (documents/fonts.py, pdf_styles.py), so the printout
looks like the rest of what the tool produces; it is a read-out, not a letter, and is never
registered.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from .diarium_view import Diarium
from .fonts import BOLD, REGULAR, register_fonts
from .pdf import REPORTLAB_LOCK
from .pdf_styles import GREY, make_styles
from .swedish import swedish_date

DIRECTION = {"in": "In", "ut": "Ut"}


def render_case_summary(diarium: Diarium) -> bytes:
    with REPORTLAB_LOCK:
        return _render(diarium)


def _render(diarium: Diarium) -> bytes:
    register_fonts()
    styles = make_styles()
    cell = ParagraphStyle("cell", parent=styles.body, fontSize=8.5, leading=11, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD)
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=15 * mm, invariant=1, lang="sv",
        title=f"Diarium {diarium.diarienummer}", author="Arbetsmiljöverket",
        creator="inspektion", producer="inspektion (ReportLab)")

    def p(text: str, style: Any = cell) -> Paragraph:
        return Paragraph(escape(text), style)

    org = f", organisationsnummer {diarium.org_nr}" if diarium.org_nr else ""
    story: list[Any] = [
        p(f"Ärendesammanställning {diarium.diarienummer}", styles.title),
        p(f"{diarium.employer}{org}", styles.body),
        p(f"{diarium.arbetsstalle}, {diarium.kommun} · status: {diarium.status_label}",
          styles.body),
        p(f"Utskriven {swedish_date(diarium.printed_on)}. Diariet: varje handling in och ut, "
          "i datumordning.", ParagraphStyle("note", parent=styles.body, textColor=GREY)),
        Spacer(1, 4 * mm),
    ]
    rows: list[list[Any]] = [[p(t, head) for t in (
        "Nummer", "Datum", "In/ut", "Sort", "Från/till", "Beskrivning", "Filer")]]
    for e in diarium.entries:
        files = "; ".join(f.name for f in e.files) or ("Brevet (PDF)" if e.document_id else "–")
        rows.append([p(e.number), p(e.date.isoformat()), p(DIRECTION.get(e.direction, "")),
                     p(e.kind_label), p(e.counterpart), p(e.description), p(files)])
    if len(rows) == 1:
        rows.append([p("Inga handlingar registrerade.")] + [p("")] * 6)
    # Each column at least as wide as its longest unbreakable word at 8.5 pt plus padding:
    # a number or a date is never split over two lines, nor "Inspektionsmeddelande".
    table = LongTable(rows, repeatRows=1, colWidths=[
        30 * mm, 22 * mm, 13 * mm, 41 * mm, 42 * mm, 72 * mm, 47 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, GREY),
    ]))
    story.append(table)
    doc.build(story)
    return buffer.getvalue()

"""Paragraph styles of the PDF letter, in one place so the layout is tuned in one place."""

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import BOLD, REGULAR

LEFT_MARGIN = 25 * mm
RIGHT_MARGIN = 20 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
_ITEM_INDENT = 8 * mm


@dataclass(frozen=True)
class Styles:
    body: Any
    strong: Any
    title: Any
    heading: Any
    small_heading: Any
    bullet: Any
    item: Any
    item_detail: Any
    address: Any
    ref_label: Any
    ref_value: Any
    signature: Any
    signature_role: Any


def make_styles() -> Styles:
    body = ParagraphStyle(
        "body", fontName=REGULAR, bulletFontName=REGULAR, fontSize=10, leading=14, spaceAfter=6
    )
    return Styles(
        body=body,
        strong=ParagraphStyle("strong", parent=body, fontName=BOLD, spaceBefore=4),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=8
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        small_heading=ParagraphStyle(
            "small_heading",
            parent=body,
            fontName=BOLD,
            fontSize=9,
            leading=12,
            spaceBefore=8,
            spaceAfter=2,
            keepWithNext=1,
        ),
        bullet=ParagraphStyle(
            "bullet", parent=body, leftIndent=5 * mm, bulletIndent=1 * mm, spaceAfter=3
        ),
        item=ParagraphStyle(
            "item",
            parent=body,
            leftIndent=_ITEM_INDENT,
            bulletIndent=0,
            bulletFontName=BOLD,
            spaceBefore=5,
            spaceAfter=2,
        ),
        item_detail=ParagraphStyle(
            "item_detail",
            parent=body,
            leftIndent=_ITEM_INDENT,
            fontSize=9.5,
            leading=13,
            spaceAfter=2,
        ),
        address=ParagraphStyle("address", parent=body, fontSize=10.5, leading=14, spaceAfter=0),
        ref_label=ParagraphStyle(
            "ref_label", parent=body, fontSize=8, leading=11, textColor=GREY, spaceAfter=0
        ),
        ref_value=ParagraphStyle("ref_value", parent=body, fontSize=9, leading=11, spaceAfter=0),
        signature=ParagraphStyle("signature", parent=body, spaceAfter=0),
        signature_role=ParagraphStyle("signature_role", parent=body, textColor=GREY, spaceAfter=8),
    )

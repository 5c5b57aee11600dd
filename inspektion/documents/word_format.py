"""Low-level helpers for the DOCX letter: styles, runs, fields and a reproducible zip.

python-docx covers most of what we need; the few things it lacks (document language,
page-number fields, theme fonts that override a style's font) are done on the XML here,
out of the way of the letter layout in `word.py`.
"""

import datetime as dt
import zipfile
from io import BytesIO

from docx.document import Document as DocxDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Arial"
GREY = RGBColor(0x59, 0x59, 0x59)
BLACK = RGBColor(0, 0, 0)
ITEM_INDENT = Mm(8)
CONTENT_WIDTH = Mm(165)  # A4 less 25 mm left and 20 mm right margin


def setup_styles(doc: DocxDocument, language: str) -> None:
    """A plain letter look: one sans font, black headings, Swedish as proofing language."""
    styles = doc.styles
    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _style_font(normal, size=10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    _set_language(doc, language)
    for name, size, before, after in (("Title", 16, 0, 8), ("Heading 1", 11.5, 10, 4)):
        style = styles[name]
        assert isinstance(style, ParagraphStyle)
        _style_font(style, size=size, bold=True)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = True
        border = style.element.pPr.find(qn("w:pBdr")) if style.element.pPr is not None else None
        if border is not None:
            style.element.pPr.remove(border)
    for name in ("Header", "Footer"):
        # The template's tabs are for US Letter; one right tab at the A4 text edge instead.
        furniture = styles[name]
        assert isinstance(furniture, ParagraphStyle)
        furniture.paragraph_format.tab_stops.clear_all()
        furniture.paragraph_format.tab_stops.add_tab_stop(CONTENT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    bullet = styles["List Bullet"]
    assert isinstance(bullet, ParagraphStyle)
    _style_font(bullet, size=10)
    bullet.paragraph_format.space_after = Pt(3)


def _style_font(style: ParagraphStyle, *, size: float, bold: bool = False) -> None:
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = BLACK
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.clear()  # theme font attributes would override the font named here
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _set_language(doc: DocxDocument, language: str) -> None:
    """Mark the text as Swedish so Word checks spelling in Swedish, not in English."""
    styles_root = doc.styles.element
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def add_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
) -> Run:
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if size is not None:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    return run


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field such as PAGE; `shown` is the cached value Word replaces when it lays out."""
    parts: list[tuple[str, str | None]] = [
        ("begin", None),
        ("instr", f" {instruction} "),
        ("separate", None),
        ("text", shown),
        ("end", None),
    ]
    for kind, value in parts:
        run = add_run(paragraph, "", size=8, color=GREY)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = value
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = value
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def set_style(paragraph: Paragraph, style_id: str) -> None:
    """Set a paragraph style by its id.

    python-docx's `paragraph.style = name` searches the whole style sheet on every call,
    which was a third of the rendering time; the ids of the template's styles are fixed.
    """
    paragraph._p.get_or_add_pPr().style = style_id


def set_cell_width(cell: _Cell, width: Length) -> None:
    cell.width = width


def normalise_zip(data: bytes, day: dt.date) -> bytes:
    """Re-pack a DOCX with fixed entry times and attributes so equal input gives equal bytes."""
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, src.read(info.filename), compresslevel=6)
    return out.getvalue()

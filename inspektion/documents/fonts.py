"""The embedded TrueType font of the PDF letters.

PDF's built-in Helvetica cannot be embedded, so å, ä, ö, §, – and « » would depend on
the reader's fonts and may not copy out as text. Bitstream Vera ships inside ReportLab
(reportlab/fonts/Vera*.ttf, under the Bitstream Vera licence next to them) and covers
every character our letters use, so no extra font file is needed. ReportLab embeds a
subset with a ToUnicode map, which is what lets text be copied and searched.
"""

from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "InspektionSans"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

_FILES = {
    REGULAR: "Vera.ttf",
    BOLD: "VeraBd.ttf",
    ITALIC: "VeraIt.ttf",
    BOLD_ITALIC: "VeraBI.ttf",
}

# Characters a letter must be able to print; checked by the tests against the font.
REQUIRED_CHARACTERS = "åäöÅÄÖéÉü§–—«»’”…·•\u00a0"


def font_directory() -> Path:
    return Path(reportlab.__file__).resolve().parent / "fonts"


def register_fonts() -> str:
    """Register the family once per process (parsing a TTF costs milliseconds)."""
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        directory = font_directory()
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(directory / filename)))
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    return FAMILY

"""The embedded TrueType font of the PDF letters.

PDF's built-in Helvetica cannot be embedded, so å, ä, ö, §, – and « » would depend on
the reader's fonts and may not copy out as text. Bitstream Vera (inside ReportLab) has
only Latin-1: "Wiśniewski" printed as "Wi niewski". DejaVu Sans, Vera's extension, covers
Latin Extended A and B, Latin Extended Additional (Vietnamese), Greek and Cyrillic, so
every Swedish, Polish, Finnish, Sámi or Vietnamese name prints. The files are vendored in
`fontfiles/` with their licence; the package never depends on the machine's fonts.
ReportLab embeds a subset with a ToUnicode map, which is what lets text be copied and
searched.
"""

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "InspektionSans"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

# Characters a letter must be able to print; checked by the tests against the font.
REQUIRED_CHARACTERS = ("åäöÅÄÖéÉü§–—«»’”…·•\u00a0"
                       "śŚłŁżŻźćńęąĄčšžČŠŽőűÕõ"      # Polish, Czech, Hungarian, Estonian
                       "áÁŋŊđĐŧŦŝʒǯǩ"               # Northern, Inari, Skolt Sámi
                       "ễỄạảấầẩẫậăắằẳẵặơớờởỡợưứừửữự"  # Vietnamese
                       "ΑΒΓΔαβγδεζηθλμπσςωάέήίόύώ"    # Greek
                       "АБВГДабвгдеёжзийклмнопрстуфхцчшщъыьэюя")  # Cyrillic


def font_directory() -> Path:
    return Path(__file__).resolve().parent / "fontfiles"


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

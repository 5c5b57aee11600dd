"""Letters of a case: a read-only view → a format-neutral letter → PDF and DOCX.

Both files are rendered from the same `Letter`, so they always say the same thing, and
both are deterministic so a stored letter can be verified by its SHA-256.

    from inspektion.documents import render_letter
    rendered = render_letter(view)          # view: LetterView built by a service
    rendered.pdf, rendered.docx, rendered.pdf_sha256
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .view import KravLine, LegalRef, LetterKind, LetterView, MeetingLine, Person

if TYPE_CHECKING:
    from .compose import compose_letter
    from .model import Letter
    from .pdf import render_pdf
    from .render import RenderedLetter, render_letter
    from .word import render_docx

# The renderers pull in ReportLab and python-docx (about 0.2 s); they load on the first
# letter, not when the server starts (bench/README.md, "Start och minne").
_LAZY = {"compose_letter": ".compose", "Letter": ".model", "render_pdf": ".pdf",
         "RenderedLetter": ".render", "render_letter": ".render", "render_docx": ".word"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "KravLine",
    "LegalRef",
    "Letter",
    "LetterKind",
    "LetterView",
    "MeetingLine",
    "Person",
    "RenderedLetter",
    "compose_letter",
    "render_docx",
    "render_letter",
    "render_pdf",
]

"""Letters of a case: a read-only view → a format-neutral letter → PDF and DOCX.

Both files are rendered from the same `Letter`, so they always say the same thing, and
both are deterministic so a stored letter can be verified by its SHA-256.

    from inspektion.documents import render_letter
    rendered = render_letter(view)          # view: LetterView built by a service
    rendered.pdf, rendered.docx, rendered.pdf_sha256
"""

from .compose import compose_letter
from .model import Letter
from .pdf import render_pdf
from .render import RenderedLetter, render_letter
from .view import KravLine, LegalRef, LetterKind, LetterView, MeetingLine, Person
from .word import render_docx

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

"""One call from a case view to both files of a letter, with their hashes.

The hashes are what a service stores next to the files, so a letter can later be shown
to be the one that was sent.
"""

import hashlib
from dataclasses import dataclass

from .compose import compose_letter
from .pdf import render_pdf
from .view import LetterView
from .word import render_docx


@dataclass(frozen=True)
class RenderedLetter:
    pdf: bytes
    docx: bytes
    pdf_sha256: str
    docx_sha256: str


def render_letter(view: LetterView) -> RenderedLetter:
    letter = compose_letter(view)
    pdf = render_pdf(letter)
    docx = render_docx(letter)
    return RenderedLetter(
        pdf=pdf,
        docx=docx,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        docx_sha256=hashlib.sha256(docx).hexdigest(),
    )

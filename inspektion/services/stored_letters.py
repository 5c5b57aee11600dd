"""The stored letter of a case by kind, for `inspektion letter`."""

from __future__ import annotations

from inspektion.db.tables import Case, Document
from inspektion.domain.errors import InvalidInput, NotFound
from inspektion.domain.letters import LETTER_KINDS


async def letter_bytes(case_ref: str, kind: str, fmt: str) -> bytes:
    """The latest issued letter of that kind; the CLI runs as the system, like a registrator."""
    if kind not in LETTER_KINDS:
        raise InvalidInput(f"Okänd brevtyp {kind!r}; välj {', '.join(LETTER_KINDS)}.", "kind")
    where = (Case.id == int(case_ref)) if case_ref.isdecimal() else (
        Case.diarienummer == case_ref.strip())
    case = await Case.select(Case.id, Case.diarienummer).where(where).first()
    if case is None:
        raise NotFound(f"Ärendet {case_ref} finns inte.")
    row = await Document.select(Document.pdf, Document.docx, Document.number).where(
        (Document.case == case["id"]) & (Document.kind == kind)
    ).order_by(Document.id, ascending=False).first()
    if row is None or row[fmt] is None:
        raise NotFound(f"Ärendet {case['diarienummer']} har inget utfärdat {kind}.")
    return bytes(row[fmt])

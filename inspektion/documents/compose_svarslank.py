"""The enclosure that goes with a letter when the employer may answer on the web.

The letter itself is stored as issued (its bytes are verified by hash), and the link's secret
is never stored; so the address and the code are printed on a page of their own, made
once, when the inspector makes the link, and sent with the letter.
"""

from __future__ import annotations

from datetime import date

from .compose_common import footer_lines
from .model import Bullets, Field, Letter, Paragraph, Section
from .view import LetterKind


def svarslank_letter(*, kind: LetterKind, diarienummer: str, document_number: str,
                     letter_label: str, today: date, addressee: tuple[str, ...], url: str,
                     code_url: str, code: str, expires: date, svar_senast: str | None,
                     huvudskyddsombud: bool) -> Letter:
    who = ("Som huvudskyddsombud kan ni lämna er egen syn på kraven på samma sätt; den "
           "registreras som en egen handling." if huvudskyddsombud else
           "För varje krav skriver ni vad ni har gjort eller ska göra, när det ska vara klart "
           "och vem som ansvarar, och bifogar underlag som undersökning, riskbedömning och "
           "handlingsplan.")
    due = f" Svara senast {svar_senast}." if svar_senast else ""
    return Letter(
        kind=kind, title="Svara på webben", diarienummer=diarienummer,
        document_number=document_number, letter_date=today,
        reference=(Field("Datum", today.isoformat()), Field("Diarienummer", diarienummer),
                   Field("Gäller", f"{letter_label} {document_number}")),
        addressee=addressee,
        sections=(Section("Så svarar ni", (
            Paragraph(f"Ni kan svara på {letter_label} {document_number} direkt på webben, "
                      f"utan inloggning.{due} {who}"),
            Paragraph("Öppna adressen:"),
            Bullets((url,)),
            Paragraph(f"Eller gå till {code_url} och skriv koden:"),
            Paragraph(code, strong=True),
            Paragraph(f"Adressen och koden gäller till och med {expires.isoformat()}. De är "
                      "personliga: ge dem bara till den som ska svara. Ni kan spara ett utkast "
                      "och skicka senare; skickar ni igen registreras det som en komplettering. "
                      "Svar med post eller e-post tas fortfarande emot."),
        )),),
        closing="", signatures=(), copies=(), footer=footer_lines())

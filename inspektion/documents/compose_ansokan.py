"""Ansökan om utdömande av vite: AV's application to förvaltningsrätten.

A court examines whether the föreläggande was lawful, served, past its deadline and not
followed, so the application says each of those with its date and attaches the proof:
the föreläggande, the proof of delgivning and the follow-up record.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from .compose_common import build_letter, copy_lines, employer_phrase, person_phrase
from .model import (
    SENDER_NAME,
    SENDER_POSTAL,
    Block,
    Bullets,
    Field,
    Letter,
    NumberedItem,
    Paragraph,
    Section,
    Signature,
)
from .swedish import kronor, swedish_date
from .view import LetterView


def compose_ansokan(view: LetterView) -> Letter:
    a = view.ansokan
    assert a is not None, "an ansökan needs its AnsokanView"
    orgnr = view.employer_org_nr or ""
    parties: tuple[Block, ...] = (
        Paragraph(f"Sökande: {SENDER_NAME}, {SENDER_POSTAL}."),
        Paragraph(f"Motpart: {view.employer}, organisationsnummer {orgnr}, i egenskap av "
                  f"arbetsgivare vid {view.workplace} i {view.kommun}."
                  + (f" Adress: {a.motpart_address}, dit föreläggandet skickades och där det "
                     "delgavs." if a.motpart_address else "")),
    )
    numbers = ", ".join(str(u.number) for u in a.unmet)
    yrkande = (f"Arbetsmiljöverket yrkar att förvaltningsrätten dömer ut {kronor(a.amount_sek)} "
               f"av det vite som {view.employer} förelades i Arbetsmiljöverkets beslut den "
               f"{swedish_date(a.forelaggande_date)} (dokument {a.forelaggande_number}), för "
               f"åtgärd {numbers}.")
    grunder: list[Block] = [
        Paragraph(
            f"Arbetsmiljöverket förelade den {swedish_date(a.forelaggande_date)} "
            f"{employer_phrase(view)} att vidta åtgärder i arbetsmiljön vid {view.workplace}, "
            f"och förenade föreläggandet med vite om sammanlagt {kronor(a.vite_total)} "
            "(7 kap. 7 § arbetsmiljölagen (1977:1160))."),
        Paragraph(
            f"Föreläggandet delgavs {view.employer} den {swedish_date(a.served_on)} "
            f"({a.served_how.lower()}), alltså i god tid före den tidpunkt då åtgärderna "
            "skulle vara vidtagna (2 § lagen (1985:206) om viten). Tiden för att överklaga "
            f"föreläggandet gick ut den {swedish_date(a.served_on + timedelta(days=21))}, "
            "tre veckor från delgivningen."),
        Paragraph("Följande åtgärder var inte vidtagna när tiden gick ut, vilket visas av "
                  "bedömningar gjorda efter tidpunkten:"),
        *[NumberedItem(u.number, u.text, (
            Field("Skulle vara vidtagen senast", swedish_date(u.deadline)),
            Field("Visas av", u.shown_by))) for u in a.unmet],
        Paragraph(a.motivering),
    ]
    if len(a.unmet) and a.amount_sek < a.vite_total:
        grunder.append(Paragraph(
            "Ansökan gäller bara de åtgärder som inte är vidtagna; övriga åtgärder i "
            "föreläggandet omfattas inte."))
    sections = (
        Section("Till", (Paragraph(a.court, strong=True), Paragraph(a.court_basis))),
        Section("Parter", parties),
        Section("Saken", (Paragraph("Utdömande av vite enligt lagen (1985:206) om viten."),)),
        Section("Yrkande", (Paragraph(yrkande, strong=True),)),
        Section("Grunder", tuple(grunder)),
        Section("Bevisning och bilagor", (Bullets((
            f"Bilaga 1: Föreläggandet den {swedish_date(a.forelaggande_date)}, dokument "
            f"{a.forelaggande_number}.",
            f"Bilaga 2: Bevis om delgivning den {swedish_date(a.served_on)}.",
            "Bilaga 3: Uppföljningen efter tidpunkten: "
            + "; ".join(f"åtgärd {u.number}: {u.shown_by}" for u in a.unmet) + ".",
        )),)),
        Section("Kontakt", (Paragraph(
            "Ansökan är gjord av "
            + (person_phrase(view.decided_by) if view.decided_by else SENDER_NAME)
            + f". Ange diarienummer {view.diarienummer} vid kontakt med Arbetsmiljöverket."),)),
    )
    signers = (Signature(view.decided_by.name, view.decided_by.title),) if view.decided_by \
        else None
    letter = build_letter(view, "Ansökan om utdömande av vite", sections, closing="",
                          signatures=signers)
    # The court sends the application to the motpart itself; AV's copy goes to the employer,
    # and with it, as with every written message to the workplace, one to the skyddsombud
    # (AML 7 kap. 14 §, issue 13 punkt 6).
    return replace(letter, copies=(f"Motparten: {view.employer}", *copy_lines(view)))

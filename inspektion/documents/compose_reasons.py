""""Skälen för beslutet" of a föreläggande, composed from the record of the case.

Förvaltningslagen 32 § asks for reasons that say which facts and rules the decision rests
on. Boilerplate does not: a court reads the dates of the inspection, the letter, the answer,
the underrättelse and the yttrande, what the employer answered and why that did not
suffice. This function takes only the typed view (`LetterView.record`, the krav lines) and
never reads the database, so what it says is exactly what the record holds.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Block, Bullets, Paragraph
from .swedish import join_words, kronor, swedish_date
from .view import AssessmentLine, CaseRecord, KravLine, LetterView, MeetingLine

VITE_AMOUNT_LAW = "3 § lagen (1985:206) om viten"
_MEETING_WORDS = {
    "formote": "ett förmöte med arbetsgivarens företrädare och huvudskyddsombudet",
    "aterkoppling": "återkoppling till närmaste chefer och skyddsombud",
    "aterkopplande_mote": "ett återkopplande möte på ledningsnivå",
    "uppfoljning": "ett uppföljningsbesök",
}
_OUTCOME_WORDS = {"ej_uppfyllt": "inte uppfyllt", "delvis": "delvis uppfyllt",
                  "komplettering": "inte tillräckligt redovisat (komplettering begärdes)",
                  "uppfyllt": "uppfyllt", "i_forelaggande": "inte uppfyllt"}


def _inspection(view: LetterView) -> str:
    """When and how the inspection was made: meetings and gruppsamtal by area, no names."""
    meetings = [m for m in view.meetings if m.kind != "uppfoljning"]
    if not meetings:
        return (f"Arbetsmiljöverket har inspekterat arbetsmiljön vid {view.workplace} i "
                f"{view.kommun}.")
    first, last = meetings[0].date, meetings[-1].date
    span = (f"den {swedish_date(first)}" if first == last else
            f"mellan den {swedish_date(first)} och den {swedish_date(last)}")
    parts = []
    for m in meetings:
        if m.kind == "gruppsamtal":
            area = f" med socialsekreterare inom {m.arbetsomrade.lower()}" if m.arbetsomrade \
                else " med socialsekreterare"
            parts.append(f"gruppsamtal{area} ({swedish_date(m.date)})")
        else:
            parts.append(f"{_MEETING_WORDS.get(m.kind, m.kind)} ({swedish_date(m.date)})")
    return (f"Arbetsmiljöverket inspekterade arbetsmiljön vid {view.workplace} i {view.kommun} "
            f"{span}. Inspektionen bestod av {join_words(parts)}. Deltagarna i gruppsamtalen "
            "besvarade också en enkät anonymt.")


def _chain(record: CaseRecord) -> list[str]:
    out = []
    if record.meddelande_date:
        text = f"Den {swedish_date(record.meddelande_date)} skickade vi ett inspektionsmeddelande"
        if record.meddelande_svar_senast:
            text += (" med de brister vi såg och krav på åtgärder, och bad om svar senast den "
                     f"{swedish_date(record.meddelande_svar_senast)}")
        out.append(text + ".")
    if record.svar:
        for s in record.svar:
            said = f" {s.gist.rstrip('.')}." if s.gist else ""
            who = f" från {s.sender}" if s.sender else ""
            out.append(f"Ert svar{who} kom in den {swedish_date(s.received)}"
                       f"{f' (handling {s.number})' if s.number else ''}.{said}")
    else:
        out.append("Något svar på inspektionsmeddelandet har inte kommit in.")
    if record.underrattelse_date:
        text = (f"Den {swedish_date(record.underrattelse_date)} skickade vi en underrättelse om "
                "det föreläggande vi övervägde, med de åtgärder, tidpunkter och det vite som "
                "beslutet nu gäller")
        if record.underrattelse_svar_senast:
            text += (", och ni fick tillfälle att yttra er senast den "
                     f"{swedish_date(record.underrattelse_svar_senast)}")
        out.append(text + ".")
    if record.yttranden:
        for y in record.yttranden:
            said = f" {y.gist.rstrip('.')}." if y.gist else ""
            out.append(f"Ert yttrande kom in den {swedish_date(y.received)}"
                       f"{f' (handling {y.number})' if y.number else ''}.{said}")
        out.append("Vi har gått igenom yttrandet. Det visar inte att det som föreläggandet "
                   "gäller är åtgärdat, och det beslut vi nu fattar går inte längre än det "
                   "som underrättelsen angav.")
    elif record.underrattelse_date:
        out.append("Inget yttrande har kommit in.")
    return out


def _latest(record: CaseRecord, number: int) -> AssessmentLine | None:
    mine = [a for a in record.assessments if a.krav_number == number]
    return max(mine, key=lambda a: a.on) if mine else None


def _why_not_enough(record: CaseRecord, line: KravLine) -> str:
    last = _latest(record, line.number)
    if last is None:
        return "Arbetsgivaren har inte redovisat någon åtgärd för kravet."
    how = "vid uppföljningsbesöket" if last.source == "uppfoljning" else "efter ert svar"
    text = (f"Vi bedömde kravet {how} den {swedish_date(last.on)} som "
            f"{_OUTCOME_WORDS.get(last.outcome, last.outcome)}.")
    if last.motivering:
        text += f" {last.motivering.strip().rstrip('.')}."
    return text


def reason_blocks(view: LetterView) -> tuple[Block, ...]:
    record = view.record or CaseRecord()
    facts = " ".join([_inspection(view), *_chain(record)])
    blocks: list[Block] = [Paragraph(facts)]
    blocks.append(Paragraph("För varje åtgärd grundar sig beslutet på följande:"))
    items = []
    for line in sorted(view.krav, key=lambda k: k.number):
        rule = "; ".join(line.citations) if line.citations else "arbetsmiljölagen"
        items.append(f"Åtgärd {line.number}. Brist: {line.brist.strip().rstrip('.')}. "
                     f"{_why_not_enough(record, line)} Regel: {rule}.")
    blocks.append(Bullets(tuple(items)))
    one = len(view.krav) == 1
    blocks.append(Paragraph(
        ("Bristen innebär" if one else "Bristerna innebär") + " risk för ohälsa bland "
        "arbetstagarna, och arbetsgivaren har trots inspektionsmeddelandet och underrättelsen "
        f"inte visat att {'den' if one else 'de'} är {'åtgärdad' if one else 'åtgärdade'}. Ett "
        f"föreläggande behövs för att {'åtgärden' if one else 'åtgärderna'} ska bli "
        "genomförd" + ("." if one else "a.")))
    if view.vite_sek is not None:
        blocks.append(Paragraph(
            f"För att beslutet ska följas förenas det med vite ({kronor(view.vite_sek)}"
            f"{' sammanlagt' if view.vite_mode == 'per_atgard' else ''}). Beloppet är bestämt "
            "med hänsyn till vad som är känt om arbetsgivarens ekonomiska förhållanden och "
            f"omständigheterna i övrigt ({VITE_AMOUNT_LAW}), och det är inte högre än det "
            "arbetsgivaren fick yttra sig över i underrättelsen."))
    return tuple(blocks)


def intended_reason_blocks(view: LetterView) -> tuple[Block, ...]:
    """The underrättelse's reasons: the facts the intended decision would rest on.

    Förvaltningslagen 25 §: the employer is told what the decision would be based on — the
    inspection, the letter, the answer and why it did not suffice per åtgärd — so the
    yttrande can meet it. A view without a record (samples) keeps the short text.
    """
    if view.record is None:
        return ()
    before = replace(view.record, underrattelse_date=None, underrattelse_svar_senast=None,
                     yttranden=())
    blocks: list[Block] = [Paragraph(" ".join([_inspection(view), *_chain(before)]))]
    blocks.append(Paragraph("Det beslut vi överväger skulle grunda sig på följande för varje "
                            "åtgärd:"))
    items = []
    for line in sorted(view.krav, key=lambda k: k.number):
        rule = "; ".join(line.citations) if line.citations else "arbetsmiljölagen"
        brist = line.brist.strip().rstrip(".")
        items.append(f"Åtgärd {line.number}. " + (f"Brist: {brist}. " if brist else "")
                     + f"{_why_not_enough(before, line)} Regel: {rule}.")
    blocks.append(Bullets(tuple(items)))
    one = len(view.krav) == 1
    blocks.append(Paragraph(
        ("Bristen innebär" if one else "Bristerna innebär") + " risk för ohälsa bland "
        "arbetstagarna. Därför överväger vi att besluta om ett föreläggande. Om ni anser att "
        "något av det som står här är fel eller ofullständigt kan ni säga det i ert yttrande."))
    return tuple(blocks)


__all__ = ["MeetingLine", "intended_reason_blocks", "reason_blocks"]

"""Inspektionsmeddelande and tillsynsmeddelande: the two letters that ask, not order.

Both must make clear that they are not decisions and cannot be appealed, and say what
happens if the employer does not act – the employer is entitled to know where the
process can lead before it gets there.
"""

from .compose_common import (
    build_letter,
    contact_section,
    employer_phrase,
    krav_items,
    workplace_phrase,
)
from .model import SENDER_EMAIL, Block, Bullets, Letter, Paragraph, Section
from .swedish import join_words, meeting_label, swedish_date
from .view import LetterView, MeetingLine

_NOT_A_DECISION = (
    "Det här meddelandet är inte ett beslut och är inte juridiskt bindande. Det går därför "
    "inte att överklaga. Det ger er möjlighet att själva rätta till bristerna."
)
_ESCALATION = (
    "Om kraven inte uppfylls kan Arbetsmiljöverket besluta om ett föreläggande, det vill "
    "säga ett beslut som ålägger er att vidta vissa åtgärder, eller om ett förbud. Ett sådant "
    "beslut kan förenas med vite, ett belopp som kan dömas ut om beslutet inte följs. Innan "
    "vi fattar ett sådant beslut får ni tillfälle att yttra er."
)


def compose_inspektionsmeddelande(view: LetterView) -> Letter:
    sections = (
        Section(
            "Inspektionen",
            (
                Paragraph(
                    f"Arbetsmiljöverket har inspekterat arbetsmiljön för socialsekreterarna vid "
                    f"{workplace_phrase(view)}. Arbetsgivare är {employer_phrase(view)}."
                ),
                *_meeting_blocks(view.meetings),
            ),
        ),
        Section(
            "Brister och krav",
            (
                Paragraph(
                    "Vid inspektionen såg vi brister i arbetsmiljön. För varje brist anger vi "
                    "nedan vad ni behöver göra och vilken bestämmelse kravet grundar sig på."
                ),
                *krav_items(view.krav),
            ),
        ),
        Section("Ert svar", _answer_blocks(view)),
        Section("Om det här meddelandet", (Paragraph(_NOT_A_DECISION), Paragraph(_ESCALATION))),
        contact_section(view, what="inspektionen"),
    )
    return build_letter(view, "Inspektionsmeddelande", sections)


def compose_tillsynsmeddelande(view: LetterView) -> Letter:
    sections = (
        Section(
            "Varför vi skriver till er",
            (
                Paragraph(
                    "Arbetsmiljöverket granskar hur kommunernas socialtjänst arbetar med "
                    "socialsekreterarnas arbetsmiljö. Som en del av den tillsynen ber vi er att "
                    "skriftligt redovisa hur ni arbetar med arbetsmiljön vid "
                    f"{workplace_phrase(view)}. "
                    f"Arbetsgivare är {employer_phrase(view)}."
                ),
                Paragraph(
                    "Frågorna nedan gäller de brister som vi oftast har sett när vi inspekterat "
                    "andra socialkontor."
                ),
            ),
        ),
        Section(
            "Det här ska ni redovisa",
            krav_items(
                view.krav,
                brist_label="Bakgrund",
                citation_label="Bestämmelse",
                deadline_label="Senast",
            ),
        ),
        Section("Er redovisning", _account_blocks(view)),
        Section(
            "Vad som händer sedan",
            (
                Paragraph(
                    "Vi går igenom er redovisning. Om något saknas ber vi er komplettera den. "
                    "Därefter planerar vi ett besök på arbetsstället."
                ),
                Paragraph(_NOT_A_DECISION),
            ),
        ),
        contact_section(view, what="redovisningen"),
    )
    return build_letter(view, "Tillsynsmeddelande", sections)


def _meeting_blocks(meetings: tuple[MeetingLine, ...]) -> tuple[Block, ...]:
    """How the inspection was made: the meetings held, without anyone's name.

    Group conversations are listed by area of work only; participants are anonymous.
    """
    if not meetings:
        return ()
    method = (
        "Inspektionen genomfördes som en fokusinspektion. Vi träffade arbetsgivarens "
        "företrädare och skyddsombud och samtalade i grupp med socialsekreterare. Inför "
        "varje gruppsamtal besvarade deltagarna en enkät utan att uppge sina namn. "
        if any(m.kind == "gruppsamtal" for m in meetings)
        else ""
    )
    intro = Paragraph(f"{method}Inspektionen omfattade följande möten:")
    lines = tuple(_meeting_line(m) for m in sorted(meetings, key=lambda m: m.date))
    return (intro, Bullets(lines))


def _meeting_line(meeting: MeetingLine) -> str:
    text = f"{swedish_date(meeting.date)}: {meeting_label(meeting.kind)}"
    if meeting.arbetsomrade:
        text += f", {meeting.arbetsomrade}"
    if meeting.participant_roles:
        text += f" (deltagare: {join_words(meeting.participant_roles)})"
    return text


def _answer_blocks(view: LetterView) -> tuple[Block, ...]:
    when = f"senast {swedish_date(view.svar_senast)}" if view.svar_senast is not None else "snarast"
    share = (
        " Låt huvudskyddsombudet ta del av svaret innan ni skickar det."
        if view.safety_representative
        else ""
    )
    return (
        Paragraph(f"Vi vill ha ert skriftliga svar {when}.", strong=True),
        Paragraph(
            "Svara på varje krav för sig och ange kravets nummer. Beskriv vilka åtgärder ni har "
            "vidtagit eller kommer att vidta, när de är eller blir genomförda och vem som "
            "ansvarar för dem. Skicka gärna med det som visar vad ni har gjort, till exempel "
            f"riskbedömningar, handlingsplaner och rutiner.{share}"
        ),
        Paragraph(f"Skicka svaret till {SENDER_EMAIL} och ange diarienummer {view.diarienummer}."),
    )


def _account_blocks(view: LetterView) -> tuple[Block, ...]:
    when = f"senast {swedish_date(view.svar_senast)}" if view.svar_senast is not None else "snarast"
    return (
        Paragraph(f"Vi vill ha er skriftliga redovisning {when}.", strong=True),
        Paragraph(
            "Redovisa varje punkt för sig och ange punktens nummer. Beskriv hur ni arbetar i "
            "dag och skicka med de dokument som visar det, till exempel undersökningar, "
            "riskbedömningar, handlingsplaner och rutiner. Om något saknas, beskriv vad ni "
            "tänker göra och när. "
            + (
                "Låt huvudskyddsombudet ta del av redovisningen innan ni skickar den."
                if view.safety_representative
                else "Låt skyddsombudet ta del av redovisningen innan ni skickar den."
            )
        ),
        Paragraph(
            f"Skicka redovisningen till {SENDER_EMAIL} och ange diarienummer {view.diarienummer}."
        ),
    )

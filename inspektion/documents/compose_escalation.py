"""Underrättelse om föreläggande and föreläggande: the letters with legal force.

An underrättelse must say plainly that nothing is decided yet and how to comment
(kommunicering); a föreläggande is a decision and must carry its reasons, its legal
basis, how to appeal and who decided – a vite has been refused in court for less.
"""

from .compose_common import (
    build_letter,
    contact_section,
    employer_phrase,
    krav_items,
    legal_basis_section,
    person_phrase,
    workplace_phrase,
)
from .compose_reasons import intended_reason_blocks, reason_blocks
from .legal import (
    AML_7_7,
    AML_9_5,
    APPEAL_FORM_LAW,
    APPEAL_LAW,
    FL_25,
    SAFETY_REP_APPEAL_LAW,
    VITE_IMPOSE_LAW,
    VITE_SERVICE_LAW,
    VITESLAG,
    with_required,
)
from .model import Block, Letter, Paragraph, Section, Signature
from .swedish import join_words, kronor, swedish_date
from .view import LetterView

_DONE_BY = "Ska vara genomfört senast"


def compose_underrattelse(view: LetterView) -> Letter:
    vite = view.vite_sek is not None
    title = "Underrättelse om föreläggande" + (" med vite" if vite else "")
    required = (AML_7_7, VITESLAG, FL_25) if vite else (AML_7_7, FL_25)
    when = swedish_date(view.svar_senast) if view.svar_senast is not None else None
    intended: list[Block] = [
        Paragraph(
            f"Arbetsmiljöverket överväger att förelägga {employer_phrase(view)} att vidta "
            "följande åtgärder, var och en senast vid den tidpunkt som anges:"
        ),
        *krav_items(view.krav, deadline_label=_DONE_BY, default_deadline=_deadline(view),
                    vite_label="Avsett vite för åtgärden"),
    ]
    intended.extend(vite_blocks(view, intended=True))
    if view.immediate:  # 9 kap. 5 § arbetsmiljölagen, as the föreläggande would say it
        intended.append(Paragraph(
            "Vi avser också att bestämma att beslutet ska gälla omedelbart, även om det "
            "överklagas (9 kap. 5 § arbetsmiljölagen).", strong=True))
    sections = (
        Section(
            "Det här gäller",
            (
                Paragraph(
                    f"Arbetsmiljöverket överväger att besluta om ett föreläggande"
                    f"{' med vite' if vite else ''} mot {employer_phrase(view)} som arbetsgivare "
                    f"vid {workplace_phrase(view)}. Innan vi beslutar får ni och "
                    "huvudskyddsombudet tillfälle att yttra er över det beslut som beskrivs "
                    "nedan (kommunicering enligt 25 § förvaltningslagen (2017:900))."
                ),
                Paragraph("Något beslut har ännu inte fattats.", strong=True),
            ),
        ),
        Section("Det beslut vi överväger", tuple(intended)),
        Section(
            "Skälen",
            intended_reason_blocks(view) or (
                Paragraph(
                    "Vid inspektionen såg vi "
                    + ("den brist som anges under åtgärden ovan, och vi har tidigare begärt att "
                       "ni ska rätta till den. Enligt vår bedömning är bristen inte åtgärdad. "
                       "Den innebär" if len(view.krav) == 1 else
                       "de brister som anges under varje åtgärd ovan, och vi har tidigare "
                       "begärt att ni ska rätta till dem. Enligt vår bedömning är bristerna "
                       "inte åtgärdade. De innebär")
                    + " risk för ohälsa bland arbetstagarna. Därför överväger vi att besluta om "
                    "ett föreläggande."
                ),
            ),
        ),
        legal_basis_section(with_required(view.legal_basis, required)),
        Section(
            "Era synpunkter",
            (
                Paragraph(
                    "Ni kan lämna skriftliga synpunkter på det beslut vi överväger – på "
                    "åtgärderna, på tidpunkterna"
                    + (" och på vitet" if vite else "")
                    + " – "
                    + (f"senast {when}." if when else "inom den tid som anges i följebrevet."),
                    strong=True,
                ),
                Paragraph(
                    "Huvudskyddsombudet får också lämna synpunkter inom samma tid, för att ta "
                    "till vara arbetstagarnas intressen."
                ),
                Paragraph(
                    "Om ni redan har genomfört åtgärderna, beskriv vad ni har gjort och skicka "
                    "med underlag som visar det. Har vi inte fått några synpunkter till dess "
                    "kan vi fatta beslut ändå. Ett beslut går inte längre än det som beskrivs "
                    "här; vill vi gå längre får ni en ny underrättelse."
                ),
            ),
        ),
        contact_section(view, what="underrättelsen"),
    )
    return build_letter(view, title, sections, signatures=_signers(view))


def vite_blocks(view: LetterView, *, intended: bool) -> list[Block]:
    """How the vite is set – one sum for all åtgärder or one per åtgärd – and why."""
    if view.vite_sek is None:
        if intended:
            return [Paragraph("Vi avser inte att förena föreläggandet med vite.", strong=True)]
        return []
    verb = "Vi avser att förena föreläggandet med" if intended else "Föreläggandet förenas med"
    if view.vite_mode == "per_atgard":
        text = (f"{verb} ett vite för varje åtgärd, med det belopp som anges vid åtgärden "
                f"(sammanlagt {kronor(view.vite_sek)}). Varje vite kan dömas ut för sig om "
                "just den åtgärden inte är vidtagen i tid.")
    elif len(view.krav) == 1:
        text = f"{verb} ett vite om {kronor(view.vite_sek)}."
    else:
        text = (f"{verb} ett gemensamt vite om {kronor(view.vite_sek)} för åtgärderna "
                "tillsammans. Vitet kan dömas ut om någon av åtgärderna inte är vidtagen i tid.")
    blocks: list[Block] = [Paragraph(text, strong=True)]
    if view.vite_reason and len(view.krav) > 1:
        form = "ett vite för varje åtgärd" if view.vite_mode == "per_atgard" else \
            "ett gemensamt vite"
        blocks.append(Paragraph(f"Skälet till {form}: {view.vite_reason.rstrip('.')}."))
    if intended:
        blocks.append(Paragraph("Om föreläggandet sedan inte följs kan Arbetsmiljöverket ansöka "
                                "hos förvaltningsrätten om att vitet ska dömas ut."))
    return blocks


def compose_forelaggande(view: LetterView) -> Letter:
    vite = view.vite_sek is not None
    title = "Föreläggande" + (" med vite" if vite else "")
    basis = with_required(view.legal_basis, ((AML_7_7, VITESLAG) if vite else (AML_7_7,))
                          + ((AML_9_5,) if view.immediate else ()))
    sections = (
        Section("Beslut", _decision_blocks(view)),
        Section("Skälen för beslutet", reason_blocks(view)),
        legal_basis_section(basis),
        Section("Om föreläggandet inte följs", (Paragraph(_consequence(view)),)),
        Section("Delgivning", _service_blocks(view)),
        Section("Hur man överklagar", _appeal_blocks(view)),
        Section("Beslutande", _decider_blocks(view)),
        contact_section(view, what="beslutet"),
    )
    return build_letter(view, title, sections, closing="", signatures=_signers(view))


def _deadline(view: LetterView) -> str | None:
    return swedish_date(view.deadline) if view.deadline is not None else None


def _decision_blocks(view: LetterView) -> tuple[Block, ...]:
    blocks: list[Block] = [
        Paragraph(
            f"Arbetsmiljöverket förelägger {employer_phrase(view)}, som arbetsgivare vid "
            f"{workplace_phrase(view)}, att vidta följande åtgärder:"
        ),
        *krav_items(
            view.krav, brist_label="", deadline_label=_DONE_BY, default_deadline=_deadline(view)
        ),
        *vite_blocks(view, intended=False),
    ]
    # 9 kap. 5 § arbetsmiljölagen: "En tillsynsmyndighet eller en marknadskontrollmyndighet
    # får bestämma att dess beslut ska gälla omedelbart." Without that, a decision applies
    # when it has gained laga kraft; the letter says which.
    if view.immediate:
        blocks.append(Paragraph(
            "Beslutet gäller omedelbart, även om det överklagas (9 kap. 5 § "
            "arbetsmiljölagen).", strong=True))
    else:
        blocks.append(Paragraph(
            "Beslutet gäller först när det har vunnit laga kraft, det vill säga när tiden för "
            "att överklaga har gått ut utan att det har överklagats. Arbetsmiljöverket har "
            "inte bestämt att det ska gälla omedelbart (9 kap. 5 § arbetsmiljölagen)."))
    return tuple(blocks)


def _consequence(view: LetterView) -> str:
    if view.vite_sek is not None:
        return (
            "Om åtgärderna inte är genomförda i tid kan Arbetsmiljöverket ansöka hos "
            f"förvaltningsrätten om att vitet ska dömas ut ({VITE_IMPOSE_LAW})."
        )
    return (
        "Om åtgärderna inte är genomförda i tid kan Arbetsmiljöverket besluta om ett nytt "
        "föreläggande och förena det med vite."
    )


def _service_blocks(view: LetterView) -> tuple[Block, ...]:
    text = (
        f"Beslutet delges {view.employer} enligt delgivningslagen (2010:1932). Bekräfta att ni "
        "har tagit emot beslutet på det sätt som anges när det skickas till er, till exempel "
        "genom att skriva under och skicka tillbaka ett delgivningskvitto. Tiden för att "
        "överklaga räknas från den dag då ni fick del av beslutet."
    )
    if view.vite_sek is not None:
        text += (
            f" Ett föreläggande med vite ska delges den som det riktas till ({VITE_SERVICE_LAW})."
        )
    return (Paragraph(text),)


def _appeal_blocks(view: LetterView) -> tuple[Block, ...]:
    return (
        Paragraph(
            f"Beslutet kan överklagas till förvaltningsrätten enligt {APPEAL_LAW}. "
            f"Huvudskyddsombudet får också överklaga beslutet ({SAFETY_REP_APPEAL_LAW})."
        ),
        Paragraph(
            "Överklagandet ska vara skriftligt och skickas till Arbetsmiljöverket, inte direkt "
            f"till förvaltningsrätten ({APPEAL_FORM_LAW}). Det ska ha kommit in till "
            "Arbetsmiljöverket inom tre veckor från den dag då ni fick del av beslutet.",
            strong=True,
        ),
        Paragraph(
            f"Ange i överklagandet diarienummer {view.diarienummer}, vilket beslut ni överklagar, "
            "vilken ändring i beslutet ni vill ha och varför. Överklagandet ska vara undertecknat "
            "av er eller av ert ombud."
        ),
        Paragraph(
            "Om överklagandet har kommit in i rätt tid skickar Arbetsmiljöverket det vidare till "
            "förvaltningsrätten tillsammans med handlingarna i ärendet."
        ),
    )


def _decider_blocks(view: LetterView) -> tuple[Block, ...]:
    parts = []
    if view.decided_by is not None:
        parts.append(f"Beslutet har fattats av {person_phrase(view.decided_by)}.")
    if view.presented_by is not None:
        parts.append(f"Föredragande har varit {person_phrase(view.presented_by)}.")
    others = [p.name for p in view.inspectors if p not in (view.decided_by, view.presented_by)]
    if others:
        parts.append(f"I handläggningen har även {join_words(others)} deltagit.")
    if not parts:
        parts.append("Beslutet har fattats av Arbetsmiljöverket.")
    return (Paragraph(" ".join(parts)),)


def _signers(view: LetterView) -> tuple[Signature, ...] | None:
    """Who signs: the decider and the presenter when known, else the inspectors."""
    signers: list[Signature] = []
    if view.decided_by is not None:
        signers.append(Signature(view.decided_by.name, view.decided_by.title))
    if view.presented_by is not None:
        signers.append(Signature(view.presented_by.name, view.presented_by.title))
    return tuple(signers) if signers else None

"""The escalation queue's rules: which krav count as not met after the answer time, how long
a case has been overdue, and which step the case proposes next.

The inspector's proposal is read from what the case records: krav assessed as not met and
whether an underrättelse or a föreläggande exists. The next legal step follows from that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspektion.domain.deadlines import next_working_day
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import CaseStatus

S = CaseStatus
UNMET_STATES = (KravState.EJ_UPPFYLLT, KravState.OPPEN, KravState.KOMPLETTERING_BEGARD,
                KravState.I_FORELAGGANDE)
ASSESSED_UNMET = (KravState.EJ_UPPFYLLT, KravState.I_FORELAGGANDE)


def overdue_since(state: KravState, deadline: date | None, assessed_on: date | None,
                  today: date) -> date | None:
    """The day a krav became overdue, or None while it is met or its answer time runs.

    A krav assessed as not met (or since put in a föreläggande) is overdue from its deadline —
    or, if the answer came early, from the assessment: the employer has had its say.
    """
    if state in ASSESSED_UNMET:
        candidates = [d for d in (deadline, assessed_on) if d is not None]
        return min(candidates) if candidates else today
    if state in UNMET_STATES and deadline is not None:
        last = next_working_day(deadline)
        return last if today > last else None
    return None


@dataclass(frozen=True)
class EscalationFacts:
    status: CaseStatus
    today: date
    unmet_numbers: tuple[int, ...]
    underrattelse_svar_senast: date | None = None
    forelaggande_deadline: date | None = None
    forelaggande_served: bool = False
    vite_sek: int | None = None


@dataclass(frozen=True)
class Proposal:
    step: str     # a lifecycle step, or a wait: vanta_yttrande, vanta_atgard, vanta_dom
    label: str


def propose(f: EscalationFacts) -> Proposal:
    numbers = ", ".join(str(n) for n in f.unmet_numbers)
    if f.status in (S.MEDDELANDE_SKICKAT, S.UPPFOLJNING):
        return Proposal("underrattelse",
                        f"Skicka underrättelse om föreläggande för krav {numbers}.")
    if f.status is S.UNDERRATTELSE_SKICKAD:
        due = f.underrattelse_svar_senast
        if due is not None and f.today <= next_working_day(due):
            return Proposal("vanta_yttrande", "Arbetsgivaren får yttra sig till och med "
                            f"{next_working_day(due).isoformat()}; besluta föreläggande därefter.")
        return Proposal("forelaggande",
                        f"Besluta föreläggande för krav {numbers}; tiden för yttrande har gått ut.")
    if f.status is S.FORELAGGANDE_BESLUTAT:
        if not f.forelaggande_served:
            return Proposal("delgivning", "Registrera delgivning av föreläggandet; utan den "
                            "kan vitet inte dömas ut.")
        deadline = f.forelaggande_deadline
        if deadline is not None and f.today <= next_working_day(deadline):
            return Proposal("vanta_atgard", "Föreläggandet gäller till och med "
                            f"{next_working_day(deadline).isoformat()}; följ upp därefter.")
        if f.vite_sek:
            return Proposal("utdomande", f"Ansök om utdömande av vite för krav {numbers}.")
        return Proposal("forelaggande", "Föreläggandet saknar vite; överväg ett nytt "
                        "föreläggande med vite.")
    if f.status is S.UTDOMANDE_ANSOKT:
        return Proposal("dom", "Utdömande av vite är ansökt; registrera förvaltningsrättens "
                        "dom när den har kommit.")
    if f.status is S.DOM_MEDDELAD:
        return Proposal("close", "Förvaltningsrätten har dömt i vitesmålet; avsluta ärendet "
                        "eller skicka en ny underrättelse om kraven fortfarande inte är uppfyllda.")
    return Proposal("uppfoljning", f"Följ upp krav {numbers} med arbetsgivaren.")

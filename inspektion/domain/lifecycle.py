"""The case lifecycle as an explicit state machine.

One table says, for every step a user can take, which roles may take it and from which
states; a few named conditions add what the table cannot (a föreläggande needs an
underrättelse whose comment time has run out, a case closes only with no open krav).
Refusals carry a Swedish sentence, because they are shown to the user as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from inspektion.domain.errors import Forbidden, StepRefused
from inspektion.domain.roles import Role


class Method(StrEnum):
    FOKUSINSPEKTION = "fokusinspektion"
    TILLSYNSMEDDELANDE = "tillsynsmeddelande"  # tvåstegsmetoden

    @property
    def label(self) -> str:
        return "Fokusinspektion" if self is Method.FOKUSINSPEKTION else "Tvåstegsmetoden"


class CaseStatus(StrEnum):
    PLANERAD = "planerad"
    PAGAENDE = "pagaende"
    MEDDELANDE_SKICKAT = "meddelande_skickat"
    UPPFOLJNING = "uppfoljning"
    TILLSYNSMEDDELANDE_SKICKAT = "tillsynsmeddelande_skickat"
    REDOVISNING_INKOMMEN = "redovisning_inkommen"
    KOMPLETTERING_BEGARD = "komplettering_begard"
    UNDERRATTELSE_SKICKAD = "underrattelse_skickad"
    FORELAGGANDE_BESLUTAT = "forelaggande_beslutat"
    UTDOMANDE_ANSOKT = "utdomande_ansokt"
    DOM_MEDDELAD = "dom_meddelad"
    AVSLUTAD = "avslutad"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.PLANERAD: "Planering",
    CaseStatus.PAGAENDE: "Inspektion pågår",
    CaseStatus.MEDDELANDE_SKICKAT: "Inspektionsmeddelande skickat",
    CaseStatus.UPPFOLJNING: "Svar inkommet, uppföljning",
    CaseStatus.TILLSYNSMEDDELANDE_SKICKAT: "Tillsynsmeddelande skickat",
    CaseStatus.REDOVISNING_INKOMMEN: "Redovisning inkommen",
    CaseStatus.KOMPLETTERING_BEGARD: "Komplettering begärd",
    CaseStatus.UNDERRATTELSE_SKICKAD: "Underrättelse skickad",
    CaseStatus.FORELAGGANDE_BESLUTAT: "Föreläggande beslutat",
    CaseStatus.UTDOMANDE_ANSOKT: "Utdömande av vite ansökt",
    CaseStatus.DOM_MEDDELAD: "Dom i vitesmålet meddelad",
    CaseStatus.AVSLUTAD: "Avslutad",
}


class Step(StrEnum):
    FORMOTE = "formote"
    GRUPPSAMTAL = "gruppsamtal"
    ATERKOPPLING = "aterkoppling"
    ATERKOPPLANDE_MOTE = "aterkopplande_mote"
    KRAV = "krav"
    INSPEKTIONSMEDDELANDE = "inspektionsmeddelande"
    SVAR = "svar"
    UPPFOLJNING = "uppfoljning"
    TILLSYNSMEDDELANDE = "tillsynsmeddelande"
    REDOVISNING = "redovisning"
    KOMPLETTERING = "komplettering"
    UNDERRATTELSE = "underrattelse"
    FORELAGGANDE = "forelaggande"
    DELGIVNING = "delgivning"
    UTDOMANDE = "utdomande"
    DOM = "dom"
    ASSIGN = "assign"
    FORSLAG = "forslag"
    HANDLING = "handling"
    CLOSE = "close"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]


STEP_LABELS: dict[Step, str] = {
    Step.FORMOTE: "registrera förmöte",
    Step.GRUPPSAMTAL: "registrera gruppsamtal",
    Step.ATERKOPPLING: "registrera återkoppling",
    Step.ATERKOPPLANDE_MOTE: "registrera återkopplande möte",
    Step.KRAV: "skriva krav",
    Step.INSPEKTIONSMEDDELANDE: "skicka inspektionsmeddelande",
    Step.SVAR: "registrera arbetsgivarens svar",
    Step.UPPFOLJNING: "registrera uppföljningsbesök",
    Step.TILLSYNSMEDDELANDE: "skicka tillsynsmeddelande",
    Step.REDOVISNING: "registrera redovisning",
    Step.KOMPLETTERING: "begära komplettering",
    Step.UNDERRATTELSE: "skicka underrättelse om föreläggande",
    Step.FORELAGGANDE: "besluta föreläggande",
    Step.DELGIVNING: "registrera delgivning",
    Step.UTDOMANDE: "ansöka om utdömande av vite",
    Step.DOM: "registrera förvaltningsrättens dom",
    Step.ASSIGN: "tilldela inspektörer",
    Step.FORSLAG: "föreslå nästa steg för juristen",
    Step.HANDLING: "registrera inkommen handling",
    Step.CLOSE: "avsluta ärendet",
}

S = CaseStatus
_ACTIVE_AFTER_LETTER = {S.MEDDELANDE_SKICKAT, S.UPPFOLJNING, S.UNDERRATTELSE_SKICKAD,
                        S.FORELAGGANDE_BESLUTAT, S.UTDOMANDE_ANSOKT, S.DOM_MEDDELAD}
_NOT_CLOSED = set(CaseStatus) - {S.AVSLUTAD}


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    from_states: frozenset[CaseStatus]
    to_state: CaseStatus | None  # None: the status stays as it is


def _rule(roles: set[Role], states: set[CaseStatus], to: CaseStatus | None = None) -> Rule:
    return Rule(frozenset(roles), frozenset(states), to)


INS, J, SA = Role.INSPEKTOR, Role.JURIST, Role.SAMORDNARE

RULES: dict[Step, Rule] = {
    Step.FORMOTE: _rule({INS}, {S.PLANERAD, S.PAGAENDE, S.REDOVISNING_INKOMMEN}, S.PAGAENDE),
    Step.GRUPPSAMTAL: _rule({INS}, {S.PAGAENDE}),
    Step.ATERKOPPLING: _rule({INS}, {S.PAGAENDE}),
    Step.ATERKOPPLANDE_MOTE: _rule({INS}, {S.PAGAENDE}),
    Step.KRAV: _rule({INS}, {S.PAGAENDE}),
    Step.INSPEKTIONSMEDDELANDE: _rule({INS}, {S.PAGAENDE}, S.MEDDELANDE_SKICKAT),
    Step.SVAR: _rule({INS}, _ACTIVE_AFTER_LETTER),
    Step.UPPFOLJNING: _rule({INS}, _ACTIVE_AFTER_LETTER),
    Step.TILLSYNSMEDDELANDE: _rule({INS}, {S.PLANERAD}, S.TILLSYNSMEDDELANDE_SKICKAT),
    Step.REDOVISNING: _rule({INS}, {S.TILLSYNSMEDDELANDE_SKICKAT, S.KOMPLETTERING_BEGARD},
                            S.REDOVISNING_INKOMMEN),
    Step.KOMPLETTERING: _rule({INS}, {S.REDOVISNING_INKOMMEN}, S.KOMPLETTERING_BEGARD),
    # After a dom, a new föreläggande (say with a higher vite) starts with a new underrättelse.
    # So does a föreläggande that must go further than the last underrättelse announced: a
    # renewed underrättelse replaces it (the föreläggande is bound by the last one).
    Step.UNDERRATTELSE: _rule({INS, J}, {S.MEDDELANDE_SKICKAT, S.UPPFOLJNING,
                                         S.UNDERRATTELSE_SKICKAD, S.DOM_MEDDELAD},
                              S.UNDERRATTELSE_SKICKAD),
    Step.FORELAGGANDE: _rule({J}, {S.UNDERRATTELSE_SKICKAD}, S.FORELAGGANDE_BESLUTAT),
    Step.DELGIVNING: _rule({INS, J}, _NOT_CLOSED),
    Step.UTDOMANDE: _rule({J}, {S.FORELAGGANDE_BESLUTAT}, S.UTDOMANDE_ANSOKT),
    Step.DOM: _rule({J}, {S.UTDOMANDE_ANSOKT}, S.DOM_MEDDELAD),
    Step.ASSIGN: _rule({SA}, _NOT_CLOSED),
    # The inspector's word to the jurist once the employer has had the letter.
    Step.FORSLAG: _rule({INS}, _ACTIVE_AFTER_LETTER),
    # What comes in is registered whatever the case's state (a delgivningskvitto may arrive
    # after the case is closed); it changes no status.
    Step.HANDLING: _rule({INS, J}, set(CaseStatus)),
    Step.CLOSE: _rule({INS}, _NOT_CLOSED - {S.PLANERAD, S.TILLSYNSMEDDELANDE_SKICKAT,
                                          S.KOMPLETTERING_BEGARD}, S.AVSLUTAD),
}


@dataclass(frozen=True)
class CaseFacts:
    """What the conditions need to know about one case, read from storage by a service."""

    method: Method
    status: CaseStatus
    today: date
    krav_total: int = 0
    krav_open: int = 0
    gruppsamtal_count: int = 0
    underrattelse_svar_senast: date | None = None
    forelaggande_deadline: date | None = None
    forelaggande_served: bool = False
    forelaggande_vite_sek: int | None = None
    formote_count: int = 0


Condition = Callable[[CaseFacts], str | None]


def _needs_fokus_for_planned_formote(f: CaseFacts) -> str | None:
    if f.status is S.PLANERAD and f.method is Method.TILLSYNSMEDDELANDE:
        return ("I tvåstegsmetoden skickas först ett tillsynsmeddelande; besöket görs när "
                "redovisningen har kommit in.")
    return None


def _no_formote_yet(f: CaseFacts) -> str | None:
    if f.formote_count > 0:
        return "Förmötet är redan registrerat; ett ärende har ett förmöte."
    return None


def _needs_gruppsamtal(f: CaseFacts) -> str | None:
    if f.gruppsamtal_count == 0:
        return "Återkoppling hålls efter ett gruppsamtal; inget gruppsamtal är registrerat."
    return None


def _needs_krav(f: CaseFacts) -> str | None:
    if f.krav_open == 0:
        return ("Inspektionsmeddelandet behöver minst ett krav. Finns inga brister avslutas "
                "ärendet i stället.")
    return None


def _needs_two_step(f: CaseFacts) -> str | None:
    if f.method is not Method.TILLSYNSMEDDELANDE:
        return "Tillsynsmeddelande används bara i ärenden som drivs med tvåstegsmetoden."
    return None


def _needs_comment_time_passed(f: CaseFacts) -> str | None:
    if f.underrattelse_svar_senast is None:
        return "Ett föreläggande kräver en skickad underrättelse."
    if f.today <= f.underrattelse_svar_senast:
        return ("Arbetsgivaren får yttra sig till och med "
                f"{f.underrattelse_svar_senast.isoformat()}; "
                "föreläggandet kan beslutas först därefter.")
    return None


def _needs_served_and_passed(f: CaseFacts) -> str | None:
    """The first filter; the full rule (margin, assessments after the deadline) is in
    domain/utdomande.py, which needs the föreläggande's terms."""
    if not f.forelaggande_vite_sek:
        return "Föreläggandet saknar vite; det finns inget vite att döma ut."
    if not f.forelaggande_served:
        return ("Föreläggandet är inte delgivet. Utan bevis om delgivning kan vitet inte dömas ut "
                "(2 § lagen om viten).")
    if f.forelaggande_deadline is None or f.today <= f.forelaggande_deadline:
        return "Tiden för att vidta åtgärderna i föreläggandet har inte gått ut."
    return None


def _needs_nothing_open(f: CaseFacts) -> str | None:
    # After the court's dom the vite matter is settled: the case may close with krav still
    # open (or be escalated again through a new underrättelse) — the jurist's choice.
    if f.krav_open > 0 and f.status is not S.DOM_MEDDELAD:
        return (f"Ärendet kan inte avslutas: {f.krav_open} krav är inte uppfyllda. "
                "Bedöm arbetsgivarens svar först.")
    return None


CONDITIONS: dict[Step, tuple[Condition, ...]] = {
    Step.FORMOTE: (_needs_fokus_for_planned_formote, _no_formote_yet),
    Step.ATERKOPPLING: (_needs_gruppsamtal,),
    Step.INSPEKTIONSMEDDELANDE: (_needs_krav,),
    Step.TILLSYNSMEDDELANDE: (_needs_two_step,),
    Step.FORELAGGANDE: (_needs_comment_time_passed,),
    Step.UTDOMANDE: (_needs_served_and_passed,),
    Step.CLOSE: (_needs_nothing_open,),
}


def check_role(step: Step, role: Role) -> None:
    """Refuse a role that may never take the step, whatever the case's state (→ 403)."""
    rule = RULES[step]
    if role not in rule.roles:
        allowed = " eller ".join(sorted(r.label for r in rule.roles))
        raise Forbidden(f"Som {role.label} får du inte {step.label}; det gör {allowed}.")


def refusal(step: Step, facts: CaseFacts) -> str | None:
    """Why the step cannot be taken now, or None when it can."""
    rule = RULES[step]
    if facts.status not in rule.from_states:
        return f"Ärendet har status \"{facts.status.label}\" och då går det inte att {step.label}."
    for condition in CONDITIONS.get(step, ()):
        reason = condition(facts)
        if reason:
            return reason
    return None


def check_step(step: Step, role: Role, facts: CaseFacts) -> CaseStatus:
    """The status after the step; raises Forbidden (role) or StepRefused (state, condition)."""
    check_role(step, role)
    reason = refusal(step, facts)
    if reason:
        raise StepRefused(reason)
    return RULES[step].to_state or facts.status


@dataclass(frozen=True)
class StepOption:
    step: Step
    allowed: bool
    reason: str | None


# Steps a role may take (the API accepts them) that are another role's daily work: the jurist
# writes underrättelser and registers delgivning; the inspector proposes (Step.FORSLAG).
# The pages offer a role only its own steps.
NOT_OFFERED: dict[Role, frozenset[Step]] = {
    Role.INSPEKTOR: frozenset({Step.UNDERRATTELSE, Step.DELGIVNING}),
}


def offered(role: Role, step: Step) -> bool:
    return step not in NOT_OFFERED.get(role, frozenset())


def step_options(role: Role, facts: CaseFacts) -> list[StepOption]:
    """Every step this role can ever take, with whether it is possible now and why not.

    The pages show refused steps with their reason instead of hiding them.
    """
    options = []
    for step, rule in RULES.items():
        if role not in rule.roles:
            continue
        reason = refusal(step, facts)
        options.append(StepOption(step, reason is None, reason))
    return options

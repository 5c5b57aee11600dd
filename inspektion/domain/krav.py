"""Krav (requirements) and their own small lifecycle."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from inspektion.domain.errors import InvalidInput, StepRefused


class KravState(StrEnum):
    OPPEN = "oppen"
    UPPFYLLT = "uppfyllt"
    EJ_UPPFYLLT = "ej_uppfyllt"
    KOMPLETTERING_BEGARD = "komplettering_begard"
    I_FORELAGGANDE = "i_forelaggande"

    @property
    def label(self) -> str:
        return KRAV_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Everything but a met krav keeps a case from closing."""
        return self is not KravState.UPPFYLLT


KRAV_LABELS = {
    KravState.OPPEN: "Öppet",
    KravState.UPPFYLLT: "Uppfyllt",
    KravState.EJ_UPPFYLLT: "Ej uppfyllt",
    KravState.KOMPLETTERING_BEGARD: "Komplettering begärd",
    KravState.I_FORELAGGANDE: "I föreläggande",
}


class Outcome(StrEnum):
    """What an inspector concludes about one krav from the employer's answer."""

    UPPFYLLT = "uppfyllt"
    DELVIS = "delvis"
    EJ_UPPFYLLT = "ej_uppfyllt"
    KOMPLETTERING = "komplettering"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]

    @property
    def needs_motivering(self) -> bool:
        """A krav found not met, wholly or partly, must say why: the decisions rest on it."""
        return self in (Outcome.EJ_UPPFYLLT, Outcome.DELVIS)


OUTCOME_LABELS = {
    Outcome.UPPFYLLT: "Uppfyllt",
    Outcome.DELVIS: "Delvis uppfyllt",
    Outcome.EJ_UPPFYLLT: "Ej uppfyllt",
    Outcome.KOMPLETTERING: "Komplettering begärd",
}
MAX_MOTIVERING = 4000


def check_motivering(outcome: Outcome, motivering: str, krav_number: int,
                     position: int) -> str:
    """The reasoning of one assessment, required for ej uppfyllt and delvis; the refusal names
    the krav by its number in the letter and the field by its place in the request."""
    words = (motivering or "").strip()
    if outcome.needs_motivering and not words:
        raise InvalidInput(f"Krav {krav_number}: skriv varför kravet bedöms som "
                           f"{outcome.label.lower()}; en motivering krävs för ej uppfyllt och "
                           f"delvis uppfyllt (assessments[{position}].motivering).", "motivering")
    if len(words) > MAX_MOTIVERING:
        raise InvalidInput(f"Krav {krav_number}: motiveringen får vara högst {MAX_MOTIVERING} "
                           f"tecken (assessments[{position}].motivering).", "motivering")
    return words


EFFEKTMAL = {
    1: "Arbetsbelastningen är i balans med krav och resurser",
    2: "Minskad risk för hot, våld och trakasserier",
    3: "Arbetsgivaren har fungerande rutiner för att förebygga risker",
    4: "Ökad kunskap om organisatorisk och social arbetsmiljö hos arbetsgivaren",
}


def parse_outcome(raw: str) -> Outcome:
    try:
        return Outcome(raw)
    except ValueError:
        raise InvalidInput(
            f"Okänd bedömning {raw!r}; välj uppfyllt, delvis, ej_uppfyllt eller komplettering.",
            "outcome") from None


def assess(state: KravState, outcome: Outcome) -> KravState:
    """The krav's state after an assessment; a met krav is not reopened by a later answer.

    A krav met only in part is not met: it stays open and may be escalated like one not met
    at all (the assessment row keeps the word "delvis" and its reasoning)."""
    if state is KravState.UPPFYLLT:
        raise StepRefused("Kravet är redan bedömt som uppfyllt.")
    if state is KravState.I_FORELAGGANDE and outcome is not Outcome.UPPFYLLT:
        return KravState.I_FORELAGGANDE  # still covered by the decision
    return {
        Outcome.UPPFYLLT: KravState.UPPFYLLT,
        Outcome.DELVIS: KravState.EJ_UPPFYLLT,
        Outcome.EJ_UPPFYLLT: KravState.EJ_UPPFYLLT,
        Outcome.KOMPLETTERING: KravState.KOMPLETTERING_BEGARD,
    }[outcome]


def check_effektmal(value: int | None) -> None:
    if value is not None and value not in EFFEKTMAL:
        raise InvalidInput("Effektmål måste vara 1, 2, 3 eller 4.", "effektmal")


def not_met(state: KravState, deadline: date | None, today: date) -> bool:
    """A krav a decision can order: found not met, or still open (or awaiting a
    komplettering) after its deadline."""
    if state is KravState.EJ_UPPFYLLT:
        return True
    if state in (KravState.OPPEN, KravState.KOMPLETTERING_BEGARD):
        return deadline is not None and deadline < today
    return False

"""The decision AV announces, and how it binds the decision AV then takes.

An underrättelse (förvaltningslagen 25 §) lets the employer comment on the decision AV
intends. If the föreläggande then goes further than what was announced — an åtgärd not
announced, a higher vite, a vite where none was announced, an earlier deadline — the
employer never had the chance to comment on it, and a court would set it aside. So the
announced terms are stored as they were sent, and every föreläggande is compared with the
last underrättelse's terms here. Less is always allowed (fewer åtgärder, a lower vite,
a later deadline); more needs a new underrättelse.

Pure rules: no I/O. Refusals raise StepRefused with a Swedish sentence that names the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TypedDict, final

from inspektion.domain.errors import InvalidInput, StepRefused
from inspektion.domain.kronor import kr

NEW_UNDERRATTELSE = "Det krävs en ny underrättelse där arbetsgivaren får yttra sig över det."


# The terms as stored (decision.terms, the letter's payload, the audit trail): their JSON
# shape, written by `Terms.to_json` and read back by `Terms.from_json`, byte for byte.
@final
class DeadlineJson(TypedDict):
    on: str | None                  # ISO date
    days_after_service: int | None


@final
class AtgardJson(TypedDict):
    krav_id: int
    number: int
    deadline: DeadlineJson
    vite_sek: int | None


@final
class TermsJson(TypedDict):
    atgarder: list[AtgardJson]
    vite_mode: str                  # a ViteMode value
    vite_sek: int | None
    vite_reason: str


@final
class NoTerms(TypedDict):
    """`{}`: a decision stored before terms were (and a utdömande or dom, which has none)."""


# What a decision row's `terms` column holds.
StoredTerms = TermsJson | NoTerms


class ViteMode(StrEnum):
    """Whether a vite is intended, and whether it is one sum or one sum per åtgärd."""

    INGET = "inget"
    GEMENSAMT = "gemensamt"      # one vite for all the åtgärder together
    PER_ATGARD = "per_atgard"    # a separate vite for each åtgärd

    @property
    def label(self) -> str:
        return {ViteMode.INGET: "utan vite", ViteMode.GEMENSAMT: "ett gemensamt vite",
                ViteMode.PER_ATGARD: "ett vite för varje åtgärd"}[self]


@dataclass(frozen=True)
class Deadline:
    """By when an åtgärd must be done: a date, or a number of days after delgivning."""

    on: date | None = None
    days_after_service: int | None = None

    def __post_init__(self) -> None:
        if (self.on is None) == (self.days_after_service is None):
            raise InvalidInput("Ange antingen ett datum eller ett antal dagar efter delgivning "
                               "för när åtgärden ska vara vidtagen.", "deadline")
        if self.days_after_service is not None and self.days_after_service < 1:
            raise InvalidInput("Antalet dagar efter delgivning måste vara minst 1.",
                               "deadline_days")

    def earliest(self, decided_on: date) -> date:
        """The earliest day it can fall on for a decision of `decided_on` (served that day)."""
        if self.on is not None:
            return self.on
        assert self.days_after_service is not None
        return decided_on + timedelta(days=self.days_after_service)

    def effective(self, served_on: date | None) -> date | None:
        """The day it actually falls on; a period has no day until the decision is served."""
        if self.on is not None:
            return self.on
        if served_on is None:
            return None
        assert self.days_after_service is not None
        return served_on + timedelta(days=self.days_after_service)

    def as_text(self) -> str:
        from_swedish = _swedish_date(self.on) if self.on else ""
        if self.on is not None:
            return from_swedish
        return f"inom {self.days_after_service} dagar från den dag då ni har delgetts beslutet"

    def to_json(self) -> DeadlineJson:
        return {"on": self.on.isoformat() if self.on else None,
                "days_after_service": self.days_after_service}

    @staticmethod
    def from_json(raw: DeadlineJson) -> Deadline:
        on = raw.get("on")
        return Deadline(date.fromisoformat(on) if on else None, raw.get("days_after_service"))


def _swedish_date(day: date) -> str:
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
              "september", "oktober", "november", "december"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Atgard:
    """One åtgärd of a decision: the krav it enforces, its deadline, its own vite if any."""

    krav_id: int
    number: int            # the krav's number in the letters, never the database id
    deadline: Deadline
    vite_sek: int | None = None   # only with ViteMode.PER_ATGARD

    def to_json(self) -> AtgardJson:
        return {"krav_id": self.krav_id, "number": self.number,
                "deadline": self.deadline.to_json(), "vite_sek": self.vite_sek}

    @staticmethod
    def from_json(raw: AtgardJson) -> Atgard:
        return Atgard(int(raw["krav_id"]), int(raw["number"]),
                      Deadline.from_json(raw["deadline"]), raw.get("vite_sek"))


@dataclass(frozen=True)
class Terms:
    """What a decision says (or an underrättelse announces): åtgärder, deadlines and vite."""

    atgarder: tuple[Atgard, ...]
    vite_mode: ViteMode = ViteMode.INGET
    vite_sek: int | None = None   # the joint amount with ViteMode.GEMENSAMT
    vite_reason: str = ""         # why joint or per åtgärd, as the letter says it

    def __post_init__(self) -> None:
        if not self.atgarder:
            raise InvalidInput("Välj minst ett krav.", "krav_ids")
        if self.vite_mode is ViteMode.GEMENSAMT and not self.vite_sek:
            raise InvalidInput("Ange vitesbeloppet för det gemensamma vitet.", "vite_sek")
        if self.vite_mode is ViteMode.PER_ATGARD:
            missing = [a.number for a in self.atgarder if not a.vite_sek]
            if missing:
                raise InvalidInput("Ange ett vitesbelopp för varje åtgärd; det saknas för krav "
                                   f"{numbers_in_words(missing)}.", "atgarder")
        if self.vite_mode is not ViteMode.INGET and not self.vite_reason.strip():
            raise InvalidInput("Skriv varför vitet är gemensamt eller satt per åtgärd; "
                               "brevet måste motivera valet.", "vite_reason")

    @property
    def has_vite(self) -> bool:
        return self.vite_mode is not ViteMode.INGET

    @property
    def total_vite(self) -> int | None:
        if self.vite_mode is ViteMode.GEMENSAMT:
            return self.vite_sek
        if self.vite_mode is ViteMode.PER_ATGARD:
            return sum(a.vite_sek or 0 for a in self.atgarder)
        return None

    def atgard(self, krav_id: int) -> Atgard | None:
        return next((a for a in self.atgarder if a.krav_id == krav_id), None)

    def to_json(self) -> TermsJson:
        return {"atgarder": [a.to_json() for a in self.atgarder],
                "vite_mode": self.vite_mode.value, "vite_sek": self.vite_sek,
                "vite_reason": self.vite_reason}

    @staticmethod
    def from_json(raw: TermsJson) -> Terms:
        return Terms(tuple(Atgard.from_json(a) for a in raw["atgarder"]),
                     ViteMode(raw.get("vite_mode", "inget")), raw.get("vite_sek"),
                     raw.get("vite_reason", ""))


def check_none_met(met_numbers: list[int]) -> None:
    """A föreläggande orders what is still undone; a krav already met cannot be in it."""
    if met_numbers:
        verb = "är redan uppfyllt" if len(met_numbers) == 1 else "är redan uppfyllda"
        raise StepRefused(f"Krav {numbers_in_words(met_numbers)} {verb} och kan inte ingå i "
                          "föreläggandet.")


def numbers_in_words(numbers: list[int]) -> str:
    """Krav or åtgärd numbers as a refusal writes them: "2", "1 och 3", "1, 2 och 4"."""
    nums = [str(n) for n in sorted(numbers)]
    return nums[0] if len(nums) == 1 else ", ".join(nums[:-1]) + " och " + nums[-1]


# --- the underrättelse -----------------------------------------------------------


def check_reply_time(letter_date: date, svar_senast: date, min_days: int) -> None:
    """Förvaltningslagen 25 §: a real chance to comment, at least `min_days` days."""
    if svar_senast < letter_date + timedelta(days=min_days):
        raise StepRefused(
            f"Tiden för yttrande är för kort: arbetsgivaren ska få minst {min_days} dagar efter "
            f"underrättelsens datum, alltså svara tidigast "
            f"{(letter_date + timedelta(days=min_days)).isoformat()} "
            "(kommunicering, 25 § förvaltningslagen).")


def check_deadlines_after_decision(terms: Terms, decided_on: date, min_days: int) -> None:
    """A deadline the employer can meet: at least `min_days` after the decision."""
    for a in terms.atgarder:
        if a.deadline.days_after_service is not None:
            short = a.deadline.days_after_service < min_days
        else:
            short = a.deadline.earliest(decided_on) < decided_on + timedelta(days=min_days)
        if short:
            raise StepRefused(
                f"Tiden för åtgärd {a.number} är för kort: den ska vara minst {min_days} dagar "
                f"från beslutet, alltså tidigast "
                f"{(decided_on + timedelta(days=min_days)).isoformat()} "
                "(en åtgärd ska kunna hinnas med, 2 § lagen om viten).")


# --- kommunicering binds ---------------------------------------------------------


def check_within_announced(announced: Terms, ordered: Terms, decided_on: date) -> None:
    """Refuse a föreläggande that goes beyond the last underrättelse; less is allowed."""
    outside = [a.number for a in ordered.atgarder if announced.atgard(a.krav_id) is None]
    if outside:
        raise StepRefused(
            f"Krav {numbers_in_words(outside)} fanns inte med i den senaste underrättelsen; "
            f"arbetsgivaren har inte fått yttra sig över det. {NEW_UNDERRATTELSE}")
    if ordered.has_vite and not announced.has_vite:
        raise StepRefused("Underrättelsen angav att föreläggandet inte skulle förenas med "
                          f"vite. Ett föreläggande med vite går utöver det. {NEW_UNDERRATTELSE}")
    if ordered.has_vite and ordered.vite_mode is not announced.vite_mode:
        raise StepRefused(
            f"Underrättelsen angav {announced.vite_mode.label}, föreläggandet "
            f"{ordered.vite_mode.label}. Att byta form för vitet ändrar beslutet. "
            f"{NEW_UNDERRATTELSE}")
    if ordered.vite_mode is ViteMode.GEMENSAMT:
        assert ordered.vite_sek is not None and announced.vite_sek is not None
        if ordered.vite_sek > announced.vite_sek:
            raise StepRefused(
                f"Vitet {kr(ordered.vite_sek)} är högre än de {kr(announced.vite_sek)} som "
                f"angavs i underrättelsen. {NEW_UNDERRATTELSE}")
    if ordered.vite_mode is ViteMode.PER_ATGARD:
        for a in ordered.atgarder:
            before = announced.atgard(a.krav_id)
            assert before is not None
            if (a.vite_sek or 0) > (before.vite_sek or 0):
                raise StepRefused(
                    f"Vitet för åtgärd {a.number} ({kr(a.vite_sek or 0)}) är högre än de "
                    f"{kr(before.vite_sek or 0)} som angavs i underrättelsen. {NEW_UNDERRATTELSE}")
    for a in ordered.atgarder:
        before = announced.atgard(a.krav_id)
        assert before is not None
        if _earlier(a.deadline, before.deadline, decided_on):
            raise StepRefused(
                f"Åtgärd {a.number} ska enligt förslaget vara vidtagen {a.deadline.as_text()}, "
                f"men underrättelsen angav {before.deadline.as_text()}. En tidigare tidpunkt "
                f"går utöver det arbetsgivaren fick yttra sig över. {NEW_UNDERRATTELSE}")


def check_immediate_announced(announced: bool, ordered: bool) -> None:
    """A decision that applies at once (9 kap. 5 § arbetsmiljölagen) weighs more than one
    that waits for laga kraft; the employer must have been told it was intended."""
    if ordered and not announced:
        raise StepRefused(
            "Underrättelsen angav inte att beslutet skulle gälla omedelbart (9 kap. 5 § "
            "arbetsmiljölagen). Ett föreläggande som gäller omedelbart går utöver det "
            f"arbetsgivaren fick yttra sig över. {NEW_UNDERRATTELSE}")


def _earlier(ordered: Deadline, announced: Deadline, decided_on: date) -> bool:
    if ordered.days_after_service is not None and announced.days_after_service is not None:
        return ordered.days_after_service < announced.days_after_service
    # A date against a period: the period can end no earlier than if served on the day of
    # the decision, so a date before that is earlier in every case.
    return ordered.earliest(decided_on) < announced.earliest(decided_on)


@dataclass(frozen=True)
class KravRecord:
    """What the rules need to know of a krav: its number in the letters and its brist."""

    krav_id: int
    number: int
    brist: str


def check_brist(chosen: list[KravRecord]) -> None:
    """A föreläggande orders what a brist shows is missing; no brist, no reasons."""
    without = [k.number for k in chosen if not k.brist.strip()]
    if without:
        raise StepRefused(
            f"Krav {numbers_in_words(without)} saknar en beskriven brist. Ett föreläggande måste "
            "motiveras med vad som brister (32 § förvaltningslagen); skriv in bristen på "
            "kravet eller ta bort det ur föreläggandet.")

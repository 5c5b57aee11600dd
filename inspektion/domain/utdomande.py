"""When a vite may be put before förvaltningsrätten, and the court's answer.

A court asks (among other things) whether the föreläggande was served, whether the time to
comply has run out, and whether it was in fact not followed. AV bears the burden of proof
for the last: an assessment dated after the deadline that shows the åtgärd still undone.
An application that cannot show that is refused here, before it is written.

Pure rules: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from inspektion.domain.errors import InvalidInput, StepRefused
from inspektion.domain.kommunicering import Terms, ViteMode, numbers_in_words
from inspektion.domain.kronor import kr

APPEAL_DAYS = 21  # an appeal must have come in within three weeks of delgivning


@dataclass(frozen=True)
class AssessmentFact:
    """One dated assessment of one krav: from the employer's answer or a follow-up."""

    krav_id: int
    on: date
    met: bool
    source: str = ""   # e.g. "uppföljningsbesök 2027-03-10", for the ansökan's grunder


@dataclass(frozen=True)
class UtdomandeCase:
    """The föreläggande and what is known of it after its deadline."""

    terms: Terms
    decided_on: date
    served_on: date | None
    assessments: tuple[AssessmentFact, ...]
    immediate: bool = False   # 9 kap. 5 § arbetsmiljölagen: applies before laga kraft


@dataclass(frozen=True)
class Unmet:
    number: int
    krav_id: int
    deadline: date
    shown_by: AssessmentFact


def _deadline_of(case: UtdomandeCase, krav_id: int) -> date | None:
    a = case.terms.atgard(krav_id)
    return a.deadline.effective(case.served_on) if a else None


def check_utdomande(case: UtdomandeCase, today: date, margin_days: int, krav_ids: list[int],
                    amount_sek: int, motivering: str) -> list[Unmet]:
    """The åtgärder the application may cover; raises with the rule when it may not be made."""
    if not motivering.strip():
        raise InvalidInput("Skriv en motivering: vad har arbetsgivaren inte gjort trots "
                           "föreläggandet?", "motivering")
    if not case.terms.has_vite:
        raise StepRefused("Föreläggandet saknar vite; det finns inget vite att döma ut.")
    if case.served_on is None:
        raise StepRefused("Föreläggandet är inte delgivet. Utan bevis om delgivning kan vitet "
                          "inte dömas ut (2 § lagen om viten).")
    appeal_ends = case.served_on + timedelta(days=APPEAL_DAYS)
    if today <= appeal_ends:
        # HFD 2024 (mål 4429–4430-22, plenum): a vite is not imposed before the föreläggande
        # has gained laga kraft, even when it applies immediately.
        raise StepRefused(
            f"Tiden för att överklaga föreläggandet går ut {appeal_ends.isoformat()} (tre veckor "
            "från delgivningen). Vitet kan dömas ut först när föreläggandet har vunnit laga "
            "kraft.")
    if not krav_ids:
        raise InvalidInput("Välj de åtgärder som inte är vidtagna.", "krav_ids")
    unknown = [k for k in krav_ids if case.terms.atgard(k) is None]
    if unknown:
        raise InvalidInput("Ansökan kan bara gälla åtgärder som föreläggandet beordrade.",
                           "krav_ids")
    out: list[Unmet] = []
    for krav_id in dict.fromkeys(krav_ids):
        atgard = case.terms.atgard(krav_id)
        assert atgard is not None
        deadline = _deadline_of(case, krav_id)
        assert deadline is not None
        if case.served_on > deadline - timedelta(days=margin_days):
            raise StepRefused(
                f"Föreläggandet delgavs {case.served_on.isoformat()}, för sent för att åtgärd "
                f"{atgard.number} skulle kunna vidtas till {deadline.isoformat()}: delgivningen "
                f"ska ske minst {margin_days} dagar före tidpunkten. Vitet kan inte dömas ut; "
                "besluta ett nytt föreläggande med en ny tidpunkt.")
        in_force = case.served_on if case.immediate else appeal_ends
        if in_force > deadline - timedelta(days=margin_days):
            # Not immediate: the order binds only once it has gained laga kraft, so the
            # employer must have had the margin after that day, not after delgivning.
            raise StepRefused(
                f"Föreläggandet gällde inte omedelbart och kunde vinna laga kraft först "
                f"{in_force.isoformat()} (tre veckor efter delgivningen "
                f"{case.served_on.isoformat()}); då återstod för lite tid för att åtgärd "
                f"{atgard.number} skulle kunna vidtas till {deadline.isoformat()}. "
                f"Arbetsgivaren ska ha haft minst {margin_days} dagar efter att beslutet "
                "började gälla (9 kap. 5 § arbetsmiljölagen). Vitet kan inte dömas ut; "
                "besluta ett nytt föreläggande med en ny tidpunkt.")
        if today <= deadline:
            raise StepRefused(f"Tiden för åtgärd {atgard.number} går ut {deadline.isoformat()}; "
                              "vitet kan dömas ut först när den har gått ut.")
        mine = sorted((a for a in case.assessments if a.krav_id == krav_id),
                      key=lambda a: a.on)
        if any(a.met for a in mine):
            met = next(a for a in mine if a.met)
            raise StepRefused(
                f"Åtgärd {atgard.number} bedömdes som uppfylld {met.on.isoformat()}; den kan "
                "inte ingå i en ansökan om utdömande av vite.")
        after = [a for a in mine if a.on > deadline]
        if not after:
            raise StepRefused(
                f"Det finns ingen bedömning daterad efter {deadline.isoformat()} som visar att "
                f"åtgärd {atgard.number} inte är vidtagen. Gör ett uppföljningsbesök eller "
                "bedöm arbetsgivarens redovisning först; Arbetsmiljöverket måste kunna visa "
                "att föreläggandet inte har följts.")
        out.append(Unmet(atgard.number, krav_id, deadline, after[-1]))
    limit = _vite_for(case.terms, [u.krav_id for u in out])
    if amount_sek <= 0:
        raise InvalidInput("Yrkat belopp måste vara större än 0 kronor.", "amount_sek")
    if amount_sek > limit:
        raise StepRefused(f"Yrkat belopp {kr(amount_sek)} är högre än vitet för de åtgärder som "
                          f"ansökan gäller ({kr(limit)}).")
    return out


def _vite_for(terms: Terms, krav_ids: list[int]) -> int:
    if terms.vite_mode is ViteMode.PER_ATGARD:
        return sum(a.vite_sek or 0 for a in terms.atgarder if a.krav_id in krav_ids)
    return terms.vite_sek or 0


def unmet_numbers(unmet: list[Unmet]) -> str:
    return numbers_in_words([u.number for u in unmet])


class DomOutcome(StrEnum):
    BIFALL = "bifall"
    DELVIS_BIFALL = "delvis_bifall"
    AVSLAG = "avslag"

    @property
    def label(self) -> str:
        return {DomOutcome.BIFALL: "Bifall", DomOutcome.DELVIS_BIFALL: "Delvis bifall",
                DomOutcome.AVSLAG: "Avslag"}[self]


def check_dom(outcome: str, amount_sek: int, applied_sek: int, dom_date: date,
              applied_on: date, today: date, laga_kraft: date | None) -> DomOutcome:
    """The court's outcome as it can be: an amount that fits the outcome, dates in order."""
    try:
        result = DomOutcome(outcome)
    except ValueError:
        raise InvalidInput(f"Okänt utfall {outcome!r}; välj bifall, delvis_bifall eller "
                           "avslag.", "outcome") from None
    if dom_date < applied_on:
        raise InvalidInput("Domen kan inte vara meddelad före ansökan om utdömande.", "date")
    if dom_date > today:
        raise InvalidInput("Domens datum ligger i framtiden; registrera en meddelad dom.",
                           "date")
    if laga_kraft is not None and (laga_kraft < dom_date or laga_kraft > today):
        raise InvalidInput("Dagen för laga kraft ska ligga mellan domens datum och i dag.",
                           "laga_kraft")
    if amount_sek < 0:
        raise InvalidInput("Beloppet kan inte vara negativt.", "amount_sek")
    if result is DomOutcome.AVSLAG and amount_sek != 0:
        raise InvalidInput("Vid avslag döms inget vite ut; beloppet ska vara 0.", "amount_sek")
    if result is DomOutcome.BIFALL and amount_sek != applied_sek:
        raise InvalidInput(f"Vid bifall döms det yrkade beloppet ut ({kr(applied_sek)}).",
                           "amount_sek")
    if result is DomOutcome.DELVIS_BIFALL and not 0 < amount_sek < applied_sek:
        raise InvalidInput("Vid delvis bifall är det utdömda beloppet större än 0 och mindre "
                           f"än det yrkade ({kr(applied_sek)}).", "amount_sek")
    return result

"""What is due, and for whom: the rules behind reminders and the escalation queue.

Pure functions over small fact records, so every threshold and boundary day can be tested
without a database. A service reads the facts in a few set-based queries, asks these rules
what is due today, and lets the database's unique key make each reminder happen once.

The identity of a reminder is its key: kind, subject, the day it concerns and the recipient.
When the thing behind it changes (a new answer date, new activity on the case), the key
changes too, so the old reminder is resolved and a new one made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from inspektion.domain.deadlines import add_days, deadline_after
from inspektion.domain.deadlines import next_working_day as _next_working_day
from inspektion.domain.krav import KravState
from inspektion.domain.kronor import kr
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.roles import Role

S = CaseStatus
# A sweep asks for the same few hundred dates tens of thousands of times.
next_working_day = lru_cache(maxsize=4096)(_next_working_day)


class ReminderKind(StrEnum):
    SVAR_SNART = "svar_snart"
    SVAR_FORSENAT = "svar_forsenat"
    KRAV_OBEDOMT = "krav_obedomt"
    KOMPLETTERING_FORSENAD = "komplettering_forsenad"
    INAKTIVT = "inaktivt"
    YTTRANDETID_UTE = "yttrandetid_ute"
    FORELAGGANDE_FORFALLET = "forelaggande_forfallet"
    DELGIVNING_SAKNAS = "delgivning_saknas"
    VECKOSAMMANSTALLNING = "veckosammanstallning"
    TILLDELAD = "tilldelad"
    JURISTEN_AGERADE = "juristen_agerade"
    SVAR_INKOMMET = "svar_inkommet"

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def audience(self) -> Role:
        return _LABELS[self][1]


_LABELS: dict[ReminderKind, tuple[str, Role]] = {
    ReminderKind.SVAR_SNART: ("Svar väntas snart", Role.INSPEKTOR),
    ReminderKind.SVAR_FORSENAT: ("Svaret är försenat", Role.INSPEKTOR),
    ReminderKind.KRAV_OBEDOMT: ("Krav inte bedömt efter svarstiden", Role.INSPEKTOR),
    ReminderKind.KOMPLETTERING_FORSENAD: ("Kompletteringen är försenad", Role.INSPEKTOR),
    ReminderKind.INAKTIVT: ("Ingen aktivitet i ärendet", Role.INSPEKTOR),
    ReminderKind.YTTRANDETID_UTE: ("Tiden för yttrande har gått ut", Role.JURIST),
    ReminderKind.FORELAGGANDE_FORFALLET: ("Föreläggandets tid har gått ut", Role.JURIST),
    ReminderKind.DELGIVNING_SAKNAS: ("Delgivning saknas", Role.JURIST),
    ReminderKind.VECKOSAMMANSTALLNING: ("Veckosammanställning", Role.SAMORDNARE),
    ReminderKind.TILLDELAD: ("Nytt ärende till dig", Role.INSPEKTOR),
    ReminderKind.JURISTEN_AGERADE: ("Juristen har agerat i ditt ärende", Role.INSPEKTOR),
    ReminderKind.SVAR_INKOMMET: ("Svar har kommit in via svarslänken", Role.INSPEKTOR),
}
# Messages about something that happened: they stay until read (dismissed), and no sweep
# creates or resolves them.
NOTICE_KINDS = frozenset({ReminderKind.TILLDELAD, ReminderKind.JURISTEN_AGERADE,
                          ReminderKind.SVAR_INKOMMET})


def reminder_overdue(kind: ReminderKind, due_on: date, today: date) -> bool:
    """A reminder about a deadline is overdue once the day it concerns has passed.

    A notice (it dates an event) and the weekly digest (it dates its week) have no deadline.
    """
    if kind in NOTICE_KINDS or kind is ReminderKind.VECKOSAMMANSTALLNING:
        return False
    return due_on < today

# The letter whose answer a case waits for, by status.
_AWAITED = {S.MEDDELANDE_SKICKAT: "inspektionsmeddelandet",
            S.TILLSYNSMEDDELANDE_SKICKAT: "tillsynsmeddelandet"}
WAITING_FOR_EMPLOYER = (S.MEDDELANDE_SKICKAT, S.TILLSYNSMEDDELANDE_SKICKAT,
                        S.KOMPLETTERING_BEGARD)


def answer_last_day(svar_senast: date) -> date:
    """The last day an answer is on time: the day asked for, or the next working day."""
    return next_working_day(svar_senast)


def answer_overdue(status: CaseStatus, svar_senast: date | None, today: date) -> bool:
    """The case waits for the employer's answer and its last day (`answer_last_day`) has
    passed. The one rule for the reminders, the inspector's list and the region's page."""
    return (status in WAITING_FOR_EMPLOYER and svar_senast is not None
            and today > answer_last_day(svar_senast))


def overdue_if_due_before(today: date) -> date:
    """The same rule as a bound a query can use: a waiting case is overdue exactly when its
    `svar_senast` is before this day. `answer_last_day` never decreases as `svar_senast`
    grows, so the overdue answer dates are all those before the first date whose last day is
    today or later (a Friday bound on a Monday: a Saturday or Sunday date still has Monday)."""
    bound = today
    while bound > date.min and answer_last_day(bound - timedelta(days=1)) >= today:
        bound -= timedelta(days=1)
    return bound


@dataclass(frozen=True)
class Thresholds:
    answer_due_days: int = 7     # remind this many days before an answer is due
    inactive_days: int = 60      # a case untouched this long is flagged
    unserved_days: int = 14      # a decision not served this long after it was sent


@dataclass(frozen=True)
class Due:
    """One thing to remind about; the service fans it out to its recipients."""

    kind: ReminderKind
    subject: str          # what it is about: "case12", "krav40", "doc7", "region:IRS-Syd"
    due_on: date          # the day it concerns (an answer date, a deadline, a week's Monday)
    case_id: int | None
    message: str

    def key(self, recipient_id: int) -> str:
        return f"{self.key_stem()}{recipient_id}"

    def key_stem(self) -> str:
        """The key without its recipient, made once for all the recipients of a fan-out."""
        return f"{self.kind}:{self.subject}:{self.due_on.isoformat()}:u"  # StrEnum: its value


@dataclass(frozen=True)
class CaseFacts:
    case_id: int
    diarienummer: str
    status: CaseStatus
    svar_senast: date | None
    last_activity_on: date


@dataclass(frozen=True)
class KravFacts:
    krav_id: int
    case_id: int
    diarienummer: str
    case_status: CaseStatus
    number: int
    state: KravState
    deadline: date | None


@dataclass(frozen=True)
class DecisionFacts:
    """The latest underrättelse or föreläggande of a case."""

    case_id: int
    diarienummer: str
    case_status: CaseStatus
    kind: str                       # underrattelse | forelaggande
    svar_senast: date | None
    deadline: date | None
    vite_sek: int | None
    krav_in_forelaggande: int = 0   # krav still covered by the decision (not yet met)


def case_reminders(case: CaseFacts, today: date, th: Thresholds) -> list[Due]:
    """Answer due soon / overdue, overdue komplettering (two-step), and inactivity."""
    out: list[Due] = []
    dnr = case.diarienummer
    if case.status in WAITING_FOR_EMPLOYER and case.svar_senast is not None:
        last = answer_last_day(case.svar_senast)
        letter = _AWAITED.get(case.status)
        subject = f"case{case.case_id}"
        if case.status is S.KOMPLETTERING_BEGARD:
            if today > last:
                out.append(Due(ReminderKind.KOMPLETTERING_FORSENAD, subject, last, case.case_id,
                               f"Kompletteringen av redovisningen i {dnr} skulle ha kommit in "
                               f"senast {last.isoformat()}. Registrera den eller kontakta "
                               "arbetsgivaren."))
        elif today > last:
            out.append(Due(ReminderKind.SVAR_FORSENAT, subject, last, case.case_id,
                           f"Svaret på {letter} i {dnr} skulle ha kommit in senast "
                           f"{last.isoformat()}. Registrera svaret eller kontakta "
                           "arbetsgivaren."))
        elif today >= add_days(last, -th.answer_due_days):
            out.append(Due(ReminderKind.SVAR_SNART, subject, last, case.case_id,
                           f"Svaret på {letter} i {dnr} ska komma in senast "
                           f"{last.isoformat()}."))
    inactive = inactivity(case, today, th)
    if inactive is not None:
        out.append(inactive)
    return out


def inactivity(case: CaseFacts, today: date, th: Thresholds) -> Due | None:
    """No activity for `inactive_days`. Waiting for a known date (an answer, a föreläggande's
    deadline) is not inactivity: the quiet time counts from that date when it is later."""
    if case.status is S.AVSLUTAD:
        return None
    quiet_since = max(case.last_activity_on, case.svar_senast or case.last_activity_on)
    flagged_on = add_days(quiet_since, th.inactive_days)
    if today < flagged_on:
        return None
    return Due(ReminderKind.INAKTIVT, f"case{case.case_id}", flagged_on, case.case_id,
               f"Inget har hänt i {case.diarienummer} sedan {quiet_since.isoformat()} "
               f"({th.inactive_days} dagar eller mer). Ta nästa steg eller avsluta ärendet.")


def krav_reminder(krav: KravFacts, today: date) -> Due | None:
    """A krav still unassessed, or a komplettering not in, after its deadline.

    While the case still waits for the first answer the answer reminder says it already.
    """
    if krav.case_status in (S.AVSLUTAD, S.MEDDELANDE_SKICKAT) or krav.deadline is None:
        return None
    last = next_working_day(krav.deadline)
    if today <= last:
        return None
    subject = f"krav{krav.krav_id}"
    if krav.state is KravState.OPPEN:
        return Due(ReminderKind.KRAV_OBEDOMT, subject, last, krav.case_id,
                   f"Krav {krav.number} i {krav.diarienummer} har passerat svarstiden "
                   f"({last.isoformat()}) utan att ha bedömts.")
    if krav.state is KravState.KOMPLETTERING_BEGARD:
        return Due(ReminderKind.KOMPLETTERING_FORSENAD, subject, last, krav.case_id,
                   f"Kompletteringen av krav {krav.number} i {krav.diarienummer} skulle ha "
                   f"kommit in senast {last.isoformat()}.")
    return None


def decision_reminder(decision: DecisionFacts, today: date) -> Due | None:
    """For the jurists: the comment time is out, or the föreläggande's time is out."""
    dnr, subject = decision.diarienummer, f"case{decision.case_id}"
    if (decision.kind == "underrattelse" and decision.case_status is S.UNDERRATTELSE_SKICKAD
            and decision.svar_senast is not None):
        last = next_working_day(decision.svar_senast)
        if today > last:
            return Due(ReminderKind.YTTRANDETID_UTE, subject, last, decision.case_id,
                       f"Tiden för yttrande över underrättelsen i {dnr} gick ut "
                       f"{last.isoformat()}. Föreläggandet kan nu beslutas.")
    if (decision.kind == "forelaggande" and decision.case_status is S.FORELAGGANDE_BESLUTAT
            and decision.deadline is not None and decision.krav_in_forelaggande > 0):
        last = next_working_day(decision.deadline)
        if today > last:
            what = (f"Överväg att ansöka om utdömande av vitet ({kr(decision.vite_sek)})."
                    if decision.vite_sek else "Överväg ett nytt föreläggande med vite.")
            return Due(ReminderKind.FORELAGGANDE_FORFALLET, subject, last, decision.case_id,
                       f"Tiden i föreläggandet i {dnr} gick ut {last.isoformat()} och "
                       f"{decision.krav_in_forelaggande} krav är ännu inte uppfyllda. {what}")
    return None


def unserved_reminder(document_id: int, case_id: int, diarienummer: str, number: str,
                      sent_on: date, today: date, th: Thresholds) -> Due | None:
    """A föreläggande still not served when `unserved_days` have run (working-day rule)."""
    due = deadline_after(sent_on, th.unserved_days)
    if today < due:
        return None
    return Due(ReminderKind.DELGIVNING_SAKNAS, f"doc{document_id}", due, case_id,
               f"Föreläggandet {number} i {diarienummer} skickades {sent_on.isoformat()} men "
               "ingen delgivning är registrerad. Utan bevis om delgivning kan vitet inte "
               "dömas ut.")


def week_monday(today: date) -> date:
    return today - timedelta(days=today.weekday())


@dataclass(frozen=True)
class Progress:
    campaign: str
    reached: int
    target: int


def digest(region: str, today: date, per_status: dict[CaseStatus, int], overdue: int,
           progress: list[Progress]) -> Due:
    """The samordnare's weekly digest; one per region and ISO week (the key has the Monday)."""
    year, week, _ = today.isocalendar()
    states = ", ".join(f"{s.label} {per_status[s]}" for s in CaseStatus if per_status.get(s))
    lines = [f"Veckosammanställning för {region}, vecka {week} {year}.",
             f"Ärenden med försenat svar från arbetsgivaren: {overdue}.",
             f"Ärenden per status: {states or 'inga ärenden'}."]
    for p in progress:
        share = f" ({round(100 * p.reached / p.target)} %)" if p.target else ""
        lines.append(f"{p.campaign}: {p.reached} av {p.target} kommuner nådda{share}.")
    return Due(ReminderKind.VECKOSAMMANSTALLNING, f"region:{region}", week_monday(today), None,
               "\n".join(lines))

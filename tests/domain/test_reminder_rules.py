"""The rules of what is due, on their boundary days; no database."""

from __future__ import annotations

from datetime import date

from inspektion.domain.escalation_proposal import EscalationFacts, overdue_since, propose
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.reminder_rules import (
    CaseFacts,
    DecisionFacts,
    KravFacts,
    Progress,
    ReminderKind,
    Thresholds,
    case_reminders,
    decision_reminder,
    digest,
    krav_reminder,
    reminder_overdue,
    unserved_reminder,
    week_monday,
)

TH = Thresholds(answer_due_days=7, inactive_days=60, unserved_days=14)
S = CaseStatus
DUE = date(2026, 12, 23)  # a Wednesday


def _case(status: CaseStatus = S.MEDDELANDE_SKICKAT, svar: date | None = DUE,
          last: date = date(2026, 11, 23)) -> CaseFacts:
    return CaseFacts(1, "2026/000001", status, svar, last)


def _kinds(dues: list) -> list[ReminderKind]:  # type: ignore[type-arg]
    return [d.kind for d in dues]


def test_answer_reminder_starts_seven_days_before_the_answer_date() -> None:
    assert _kinds(case_reminders(_case(), date(2026, 12, 15), TH)) == []
    assert _kinds(case_reminders(_case(), date(2026, 12, 16), TH)) == [ReminderKind.SVAR_SNART]
    assert _kinds(case_reminders(_case(), DUE, TH)) == [ReminderKind.SVAR_SNART]


def test_answer_is_overdue_the_day_after_the_answer_date() -> None:
    dues = case_reminders(_case(), date(2026, 12, 24), TH)
    assert _kinds(dues) == [ReminderKind.SVAR_FORSENAT]
    assert "2026-12-23" in dues[0].message and "2026/000001" in dues[0].message


def test_answer_date_on_a_holiday_runs_to_the_next_working_day() -> None:
    # 2026-12-25 is juldagen: the time runs until Monday 2026-12-28.
    case = _case(svar=date(2026, 12, 25))
    assert _kinds(case_reminders(case, date(2026, 12, 28), TH)) == [ReminderKind.SVAR_SNART]
    assert _kinds(case_reminders(case, date(2026, 12, 29), TH)) == [ReminderKind.SVAR_FORSENAT]


def test_a_case_past_the_answer_has_no_answer_reminder() -> None:
    assert case_reminders(_case(S.UPPFOLJNING), date(2026, 12, 30), TH) == []


def test_two_step_komplettering_overdue() -> None:
    dues = case_reminders(_case(S.KOMPLETTERING_BEGARD), date(2026, 12, 24), TH)
    assert _kinds(dues) == [ReminderKind.KOMPLETTERING_FORSENAD]


def test_inactivity_after_sixty_days_counted_from_a_known_date_waited_for() -> None:
    quiet = _case(S.PAGAENDE, svar=None, last=date(2026, 1, 1))
    assert case_reminders(quiet, date(2026, 3, 1), TH) == []
    due = case_reminders(quiet, date(2026, 3, 2), TH)
    assert _kinds(due) == [ReminderKind.INAKTIVT] and due[0].due_on == date(2026, 3, 2)
    waiting = _case(S.FORELAGGANDE_BESLUTAT, svar=date(2026, 6, 1), last=date(2026, 1, 1))
    assert case_reminders(waiting, date(2026, 7, 30), TH) == []
    assert _kinds(case_reminders(waiting, date(2026, 7, 31), TH)) == [ReminderKind.INAKTIVT]
    assert case_reminders(_case(S.AVSLUTAD, None, date(2025, 1, 1)), date(2026, 5, 1), TH) == []


def test_new_activity_gives_a_new_key() -> None:
    a = case_reminders(_case(S.PAGAENDE, None, date(2026, 1, 1)), date(2026, 4, 1), TH)[0]
    b = case_reminders(_case(S.PAGAENDE, None, date(2026, 1, 20)), date(2026, 4, 1), TH)[0]
    assert a.key(5) != b.key(5) and a.key(5) != a.key(6)


def _krav(state: KravState, status: CaseStatus = S.UPPFOLJNING) -> KravFacts:
    return KravFacts(40, 1, "2026/000001", status, 2, state, DUE)


def test_krav_unassessed_after_its_deadline() -> None:
    assert krav_reminder(_krav(KravState.OPPEN), DUE) is None
    due = krav_reminder(_krav(KravState.OPPEN), date(2026, 12, 24))
    assert due is not None and due.kind is ReminderKind.KRAV_OBEDOMT
    assert krav_reminder(_krav(KravState.OPPEN, S.MEDDELANDE_SKICKAT), date(2027, 1, 5)) is None
    assert krav_reminder(_krav(KravState.EJ_UPPFYLLT), date(2027, 1, 5)) is None


def test_krav_komplettering_overdue() -> None:
    due = krav_reminder(_krav(KravState.KOMPLETTERING_BEGARD), date(2026, 12, 24))
    assert due is not None and due.kind is ReminderKind.KOMPLETTERING_FORSENAD


def test_comment_time_out_is_for_the_jurist() -> None:
    under = DecisionFacts(1, "2026/000001", S.UNDERRATTELSE_SKICKAD, "underrattelse", DUE,
                          None, 50_000)
    assert decision_reminder(under, DUE) is None
    due = decision_reminder(under, date(2026, 12, 24))
    assert due is not None and due.kind is ReminderKind.YTTRANDETID_UTE
    assert due.kind.audience.value == "jurist"


def test_forelaggande_deadline_passed_suggests_utdomande_only_with_unmet_krav() -> None:
    fore = DecisionFacts(1, "2026/000001", S.FORELAGGANDE_BESLUTAT, "forelaggande", None, DUE,
                         50_000, krav_in_forelaggande=2)
    due = decision_reminder(fore, date(2026, 12, 24))
    assert due is not None and due.kind is ReminderKind.FORELAGGANDE_FORFALLET
    assert "utdömande" in due.message and "50\u00a0000\u00a0kr" in due.message
    met = DecisionFacts(1, "2026/000001", S.FORELAGGANDE_BESLUTAT, "forelaggande", None, DUE,
                        50_000, krav_in_forelaggande=0)
    assert decision_reminder(met, date(2026, 12, 24)) is None


def test_unserved_decision_after_fourteen_days_counted_as_the_law_counts() -> None:
    sent = date(2026, 12, 11)  # + 14 days = juldagen → Monday 2026-12-28
    assert unserved_reminder(7, 1, "2026/000001", "2026/000001-5", sent, date(2026, 12, 25),
                             TH) is None
    due = unserved_reminder(7, 1, "2026/000001", "2026/000001-5", sent, date(2026, 12, 28), TH)
    assert due is not None and due.due_on == date(2026, 12, 28)


def test_weekly_digest_is_keyed_by_the_weeks_monday() -> None:
    wed = digest("IRS-Syd", date(2026, 11, 25), {S.PAGAENDE: 2}, 1,
                 [Progress("Kampanj", 3, 12)])
    sun = digest("IRS-Syd", date(2026, 11, 29), {}, 0, [])
    assert wed.key(9) == sun.key(9) == "veckosammanstallning:region:IRS-Syd:2026-11-23:u9"
    assert week_monday(date(2026, 11, 30)) == date(2026, 11, 30)
    assert "vecka 48" in wed.message and "3 av 12 kommuner" in wed.message
    assert "Inspektion pågår 2" in wed.message


def test_overdue_since_and_the_proposed_step() -> None:
    today = date(2027, 1, 10)
    assert overdue_since(KravState.UPPFYLLT, DUE, DUE, today) is None
    assert overdue_since(KravState.OPPEN, DUE, None, today) == DUE
    assert overdue_since(KravState.OPPEN, date(2027, 1, 20), None, today) is None
    assert overdue_since(KravState.EJ_UPPFYLLT, DUE, date(2026, 12, 1), today) == date(2026, 12, 1)
    # in a föreläggande whose time still runs: overdue since it was found not met
    assert overdue_since(KravState.I_FORELAGGANDE, date(2027, 3, 1), DUE, today) == DUE
    first = propose(EscalationFacts(S.UPPFOLJNING, today, (1, 3)))
    assert first.step == "underrattelse" and "krav 1, 3" in first.label
    waiting = propose(EscalationFacts(S.UNDERRATTELSE_SKICKAD, today, (1,),
                                      underrattelse_svar_senast=date(2027, 1, 20)))
    assert waiting.step == "vanta_yttrande"
    assert propose(EscalationFacts(S.UNDERRATTELSE_SKICKAD, today, (1,),
                                   underrattelse_svar_senast=DUE)).step == "forelaggande"
    assert propose(EscalationFacts(S.FORELAGGANDE_BESLUTAT, today, (1,),
                                   forelaggande_deadline=DUE)).step == "delgivning"
    assert propose(EscalationFacts(S.FORELAGGANDE_BESLUTAT, today, (1,),
                                   forelaggande_deadline=DUE, forelaggande_served=True,
                                   vite_sek=10_000)).step == "utdomande"


def test_a_reminder_is_overdue_after_its_day_unless_it_has_no_deadline() -> None:
    day = date(2027, 1, 11)
    assert not reminder_overdue(ReminderKind.SVAR_SNART, day, day)
    assert reminder_overdue(ReminderKind.SVAR_SNART, day, date(2027, 1, 12))
    assert reminder_overdue(ReminderKind.SVAR_FORSENAT, day, date(2027, 1, 12))
    for dated_only in (ReminderKind.TILLDELAD, ReminderKind.JURISTEN_AGERADE,
                       ReminderKind.VECKOSAMMANSTALLNING):
        assert not reminder_overdue(dated_only, day, date(2027, 6, 1))

"""Rules that several pages and services share, each written once in domain/."""

from __future__ import annotations

from datetime import date, timedelta

from inspektion.domain.krav import KravState, not_met
from inspektion.domain.kronor import kr
from inspektion.domain.letters import DECISION_LETTERS, LETTER_KINDS, SERVABLE_LETTERS
from inspektion.domain.lifecycle import CaseStatus as S
from inspektion.domain.reminder_rules import (
    answer_last_day,
    answer_overdue,
    overdue_if_due_before,
)

SATURDAY = date(2027, 1, 9)
MONDAY, TUESDAY = date(2027, 1, 11), date(2027, 1, 12)


def test_an_answer_due_on_a_weekend_is_on_time_the_next_working_day() -> None:
    assert answer_last_day(SATURDAY) == MONDAY
    assert not answer_overdue(S.MEDDELANDE_SKICKAT, SATURDAY, MONDAY)
    assert answer_overdue(S.MEDDELANDE_SKICKAT, SATURDAY, TUESDAY)
    assert answer_overdue(S.KOMPLETTERING_BEGARD, MONDAY, TUESDAY)


def test_only_a_case_waiting_for_the_employer_has_a_late_answer() -> None:
    assert not answer_overdue(S.MEDDELANDE_SKICKAT, None, TUESDAY)
    for status in (S.UPPFOLJNING, S.AVSLUTAD, S.PAGAENDE):
        assert not answer_overdue(status, date(2026, 1, 5), TUESDAY)


def test_the_query_bound_says_what_the_rule_says_on_every_day() -> None:
    """Lists, region figures and the digest filter by `svar_senast < bound` in SQL; for every
    answer date around Christmas, Easter and Midsummer the bound agrees with the rule."""
    for start in (date(2026, 12, 18), date(2027, 3, 20), date(2027, 6, 18)):
        for t in range(25):
            today = start + timedelta(days=t)
            bound = overdue_if_due_before(today)
            for back in range(-3, 20):
                due = today - timedelta(days=back)
                assert answer_overdue(S.MEDDELANDE_SKICKAT, due, today) == (due < bound), (
                    today, due, bound)
    assert overdue_if_due_before(TUESDAY) == TUESDAY
    assert overdue_if_due_before(MONDAY) == SATURDAY  # a weekend date is on time on Monday


def test_a_krav_is_not_met_when_found_so_or_open_past_its_deadline() -> None:
    assert not_met(KravState.EJ_UPPFYLLT, None, MONDAY)
    assert not_met(KravState.OPPEN, SATURDAY, MONDAY)
    assert not not_met(KravState.OPPEN, MONDAY, MONDAY)
    assert not not_met(KravState.OPPEN, None, MONDAY)
    assert not_met(KravState.KOMPLETTERING_BEGARD, SATURDAY, MONDAY)
    assert not not_met(KravState.UPPFYLLT, SATURDAY, MONDAY)


def test_amounts_group_thousands_and_never_break_before_the_unit() -> None:
    assert kr(50_000) == "50\u00a0000\u00a0kr"
    assert kr(1_250_000) == "1\u00a0250\u00a0000\u00a0kr"
    assert kr(0) == "0\u00a0kr"


def test_every_servable_letter_and_decision_is_a_written_letter() -> None:
    assert set(LETTER_KINDS) > SERVABLE_LETTERS
    assert DECISION_LETTERS < SERVABLE_LETTERS
    assert set(LETTER_KINDS) - SERVABLE_LETTERS == {"ansokan_utdomande"}

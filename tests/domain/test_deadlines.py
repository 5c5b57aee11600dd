"""Deadlines as Swedish law counts them (lag 1930:173)."""

from datetime import date

import pytest

from inspektion.domain.deadlines import deadline_after, is_working_day, next_working_day


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 11, 28), date(2026, 11, 30)),   # Saturday → Monday
    (date(2026, 11, 29), date(2026, 11, 30)),   # Sunday → Monday
    (date(2026, 11, 30), date(2026, 11, 30)),   # Monday stays
    (date(2026, 6, 19), date(2026, 6, 22)),     # midsommarafton (Fri) → Monday
    (date(2026, 6, 20), date(2026, 6, 22)),     # midsommardagen (Sat)
    (date(2026, 12, 24), date(2026, 12, 28)),   # julafton Thu → juldagen, annandag, weekend
    (date(2026, 12, 25), date(2026, 12, 28)),
    (date(2026, 12, 31), date(2027, 1, 4)),     # nyårsafton, nyårsdagen Fri, weekend
    (date(2027, 1, 6), date(2027, 1, 7)),       # trettondedag jul
    (date(2026, 4, 3), date(2026, 4, 7)),       # långfredag → after annandag påsk
    (date(2026, 5, 14), date(2026, 5, 15)),     # Kristi himmelsfärd
    (date(2026, 6, 6), date(2026, 6, 8)),       # nationaldagen (Sat)
])
def test_time_ending_on_a_non_working_day_moves_forward(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


def test_deadline_after_counts_calendar_days_then_moves() -> None:
    assert deadline_after(date(2026, 11, 23), 5) == date(2026, 11, 30)  # Sat → Mon
    assert deadline_after(date(2026, 11, 23), 3) == date(2026, 11, 26)


def test_midsummer_eve_moves_with_the_calendar() -> None:
    assert not is_working_day(date(2027, 6, 25))  # 2027: Friday 25 June
    assert is_working_day(date(2027, 6, 18))

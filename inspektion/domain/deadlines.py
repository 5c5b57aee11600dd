"""Deadlines as Swedish law counts them.

Lag (1930:173) om beräkning av lagstadgad tid: a time whose last day falls on a Saturday,
Sunday, public holiday, midsommarafton, julafton or nyårsafton ends on the next working day.
The public holidays come from the `holidays` library; the three "aftnar" it does not list as
holidays are added here.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("SE", years=year, include_sundays=False).keys())
    days.add(date(year, 12, 24))  # julafton
    days.add(date(year, 12, 31))  # nyårsafton
    days.add(_midsommarafton(year))
    return frozenset(days)


def _midsommarafton(year: int) -> date:
    """The Friday between 19 and 25 June."""
    day = date(year, 6, 19)
    while day.weekday() != 4:
        day += timedelta(days=1)
    return day


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_days(day: date, days: int) -> date:
    """`day` moved by `days`, stopping at the calendar's ends instead of overflowing: a date
    stored before the input window existed (9999-12-30) must not crash a sweep."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def next_working_day(day: date) -> date:
    """The day itself when it is a working day, otherwise the first working day after it
    (the calendar's last day, 9999-12-31, counts as one: there is no later day)."""
    while not is_working_day(day) and day < date.max:
        day += timedelta(days=1)
    return day


def deadline_after(start: date, days: int) -> date:
    """`days` calendar days from `start`, moved forward if that is not a working day."""
    return next_working_day(add_days(start, days))


def weeks_after(start: date, weeks: int) -> date:
    return deadline_after(start, 7 * weeks)

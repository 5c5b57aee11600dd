"""A user's dates as an iCalendar file (RFC 5545) for Outlook, Google and phone calendars.

Built with the `icalendar` library rather than by hand: it folds long lines at 75 octets,
escapes commas and semicolons and writes CRLF, which calendars are strict about. Events are
all-day (VALUE=DATE); each UID is stable, so a calendar that polls the feed updates an event
rather than adding a copy. No personal data beyond the case's number, kommun and workplace.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from inspektion.domain.bevakning import CalendarItem

PRODID = "-//Arbetsmiljöverket//inspektion//SV"


def render_ical(items: Iterable[CalendarItem], name: str, base_url: str,
                stamp: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Stockholm")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", f"{item.title} ({item.diarienummer})")
        event.add("description", f"Ärende {item.diarienummer}, {item.kommun}"
                  + (f", {item.arbetsstalle}" if item.arbetsstalle else ""))
        event.add("url", f"{base_url}/arenden/{item.case_id}")
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())

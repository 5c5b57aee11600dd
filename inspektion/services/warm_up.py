"""What the first request would otherwise load on the event loop, loaded at start instead.

The holiday calendar's first use imports the `holidays` package's country tables (about
140 ms of CPU) and the questionnaire's readings parse YAML (about 40 ms each). Paid inside a
request, each held every other request for that long (tests/api/test_event_loop.py); paid
once while the app starts, nobody waits for them.
"""

from __future__ import annotations

from inspektion import clock
from inspektion.config import load_settings
from inspektion.domain.deadlines import is_working_day
from inspektion.reference.files import (
    read_area_effektmal,
    read_questionnaire,
    read_scale_labels,
)


def warm_up() -> None:
    fixtures = load_settings().fixtures_dir
    is_working_day(clock.today())
    read_questionnaire(fixtures)
    read_scale_labels(fixtures)
    read_area_effektmal(fixtures)

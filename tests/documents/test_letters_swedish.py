"""Dates, amounts and lists are written the Swedish way, whatever the machine's locale."""

from datetime import date

import pytest

from inspektion.documents import compose_letter
from inspektion.documents.samples import sample_view
from inspektion.documents.swedish import (
    NBSP,
    join_words,
    kronor,
    meeting_label,
    page_label,
    swedish_date,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2026, 11, 23), "23 november 2026"),
        (date(2027, 3, 1), "1 mars 2027"),
        (date(2027, 5, 31), "31 maj 2027"),
    ],
)
def test_dates_are_written_in_words(value: date, text: str) -> None:
    assert swedish_date(value) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [(500, "500 kronor"), (50_000, "50 000 kronor"), (1_250_000, "1 250 000 kronor")],
)
def test_amounts_use_spaces_between_thousands(amount: int, text: str) -> None:
    assert kronor(amount).replace(NBSP, " ") == text


def test_lists_end_with_och() -> None:
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a och b"
    assert join_words(["a", "b", "c"]) == "a, b och c"


def test_meeting_kinds_and_pages_have_swedish_labels() -> None:
    assert meeting_label("aterkopplande_mote") == "Återkopplande möte med ledningen"
    assert meeting_label("okand_typ") == "Okand typ"
    assert page_label(2, 5) == "Sida 2 av 5"


def test_an_unknown_letter_kind_is_refused() -> None:
    view = sample_view("inspektionsmeddelande")
    object.__setattr__(view, "kind", "brev")
    with pytest.raises(ValueError, match="Okänd brevtyp"):
        compose_letter(view)

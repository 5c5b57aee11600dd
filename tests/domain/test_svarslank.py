"""The answer link's pure rules: its secrets, how long it holds, what an answer is."""

from __future__ import annotations

from datetime import date

import pytest

from inspektion.domain.errors import InvalidInput
from inspektion.domain.handlingar import HandlingKind
from inspektion.domain.svarslank import (
    CODE_LENGTH,
    Recipient,
    check_answer,
    digest,
    expires_on,
    guidance,
    handling_kind,
    link_state,
    looks_like_token,
    new_code,
    new_token,
    normal_code,
    shown_code,
)


def test_secrets_are_long_random_and_typeable() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200 and all(looks_like_token(t) for t in tokens)
    code = new_code()
    assert len(code) == CODE_LENGTH and CODE_LENGTH * 5 >= 128
    printed = shown_code(code)
    assert normal_code(printed) == code
    assert normal_code(printed.lower().replace("-", " ")) == code
    assert normal_code(code.replace("0", "O").replace("1", "I")) == code
    assert normal_code(code[:-1]) is None and normal_code(code + "Z") is None
    assert normal_code("U" * CODE_LENGTH) == "V" * CODE_LENGTH  # read as the letter meant
    assert digest(code) != digest(printed) and len(digest(code)) == 64


def test_validity_counts_from_the_answer_date() -> None:
    assert expires_on(date(2026, 12, 23), date(2026, 11, 23), 30) == date(2027, 1, 22)
    assert expires_on(None, date(2026, 11, 23), 30) == date(2026, 12, 23)
    assert link_state(False, date(2027, 1, 22), date(2027, 1, 22)).usable
    assert not link_state(False, date(2027, 1, 22), date(2027, 1, 23)).usable
    assert not link_state(True, date(2027, 1, 22), date(2026, 1, 1)).usable


def test_which_handling_a_send_becomes() -> None:
    employer, ombud = Recipient.ARBETSGIVARE, Recipient.HUVUDSKYDDSOMBUD
    assert handling_kind("inspektionsmeddelande", employer, 0) is HandlingKind.SVAR
    assert handling_kind("tillsynsmeddelande", employer, 0) is HandlingKind.REDOVISNING
    assert handling_kind("underrattelse", employer, 0) is HandlingKind.YTTRANDE
    assert handling_kind("inspektionsmeddelande", employer, 1) is HandlingKind.KOMPLETTERING
    assert handling_kind("inspektionsmeddelande", ombud, 0) is HandlingKind.YTTRANDE


def test_an_answer_per_krav() -> None:
    today = date(2026, 12, 1)
    a = check_answer(1, 7, " Gjort.\r\nRad två \x07", "2027-01-31", "  Anna   Berg ", today, True)
    assert (a.atgard, a.senast, a.ansvarig) == ("Gjort.\nRad två", "2027-01-31", "Anna Berg")
    with pytest.raises(InvalidInput) as bad:
        check_answer(1, 7, "x", "31/1/2027", "", today, True)
    assert bad.value.field == "senast_7"
    with pytest.raises(InvalidInput):
        check_answer(1, 7, "x", "2099-01-01", "", today, True)
    with pytest.raises(InvalidInput) as empty:
        check_answer(2, 8, "", "", "Per", today, True)
    assert empty.value.field == "atgard_8"
    assert check_answer(2, 8, "", "", "Per", today, False).ansvarig == "Per"  # a draft may
    with pytest.raises(InvalidInput):
        check_answer(1, 7, "x" * 6001, "", "", today, False)


def test_guidance_for_every_effektmal() -> None:
    texts = {guidance(g) for g in (1, 2, 3, 4, None, 99)}
    assert len(texts) == 5 and all("ansvar" in t for t in texts)

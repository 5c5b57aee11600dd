"""The employer as a legal person: registered name and a Luhn-checked organisationsnummer."""

import pytest

from inspektion.domain.employer import KommunLegal, resolve_employer, valid_orgnr
from inspektion.domain.errors import InvalidInput

HELSINGBORG = KommunLegal("Helsingborg", "Helsingborgs kommun", "212000-1157")
FALUN = KommunLegal("Falun", "", "212000-2080")  # no register gave its name
BY_ORGNR = {k.organisationsnummer: k for k in (HELSINGBORG, FALUN)}


@pytest.mark.parametrize(("number", "ok"), [
    ("212000-1157", True), ("2120001157", True), ("556016-0680", True),
    ("212000-1158", False), ("21200-01157", False), ("212000-115", False), ("abc", False),
    ("212000--1157", False),
])
def test_orgnr_check_digit(number: str, ok: bool) -> None:
    assert valid_orgnr(number) is ok


def test_the_municipality_is_addressed_by_its_registered_name() -> None:
    legal = resolve_employer(HELSINGBORG, "", "", BY_ORGNR)
    assert (legal.name, legal.orgnr) == ("Helsingborgs kommun", "212000-1157")
    assert resolve_employer(HELSINGBORG, "", "2120001157", BY_ORGNR).name == "Helsingborgs kommun"


def test_a_name_built_by_rule_is_refused() -> None:
    with pytest.raises(InvalidInput, match="registrerad som 'Helsingborgs kommun'"):
        resolve_employer(HELSINGBORG, "Helsingborg kommun", "", BY_ORGNR)
    with pytest.raises(InvalidInput, match="tillhör Helsingborgs kommun"):
        resolve_employer(HELSINGBORG, "Helsingborg kommun", "212000-1157", BY_ORGNR)


def test_an_unknown_registered_name_must_be_given() -> None:
    with pytest.raises(InvalidInput, match="registrerade namnet för Falun") as err:
        resolve_employer(FALUN, "", "", BY_ORGNR)
    assert err.value.field == "arbetsstalle.employer"
    legal = resolve_employer(FALUN, "Falu  kommun", "", BY_ORGNR)
    assert (legal.name, legal.orgnr) == ("Falu kommun", "212000-2080")


def test_another_employer_needs_a_name_and_a_valid_number() -> None:
    legal = resolve_employer(HELSINGBORG, "Vård AB", "556016-0680", BY_ORGNR)
    assert (legal.name, legal.orgnr) == ("Vård AB", "556016-0680")
    with pytest.raises(InvalidInput, match="kontrollsiffra") as err:
        resolve_employer(HELSINGBORG, "Vård AB", "556016-0681", BY_ORGNR)
    assert err.value.field == "arbetsstalle.org_nr"
    with pytest.raises(InvalidInput, match="registrerade namn för organisationsnummer"):
        resolve_employer(HELSINGBORG, "", "556016-0680", BY_ORGNR)

"""The regulation catalogue: only listed, in-force, unrepealed paragraphs can be cited."""

from datetime import date

import pytest

from inspektion.config import load_settings
from inspektion.domain.catalogue import Catalogue
from inspektion.domain.errors import InvalidInput
from inspektion.reference.files import catalogue_from_rows, read_catalogue_rows


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return catalogue_from_rows(read_catalogue_rows(load_settings().fixtures_dir))


def test_citation_forms_are_normalised(catalogue: Catalogue) -> None:
    assert catalogue.check_citations(["AFS 2015:4, 9 §"], date(2017, 1, 1)) == ["AFS 2015:4 9 §"]


def test_unknown_paragraph_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(InvalidInput, match="finns inte"):
        catalogue.check_citations(["AFS 2015:4 99 §"], date(2017, 1, 1))


def test_repealed_paragraph_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(InvalidInput, match="upphävd"):
        catalogue.check_citations(["AML 7 kap. 9 §"], date(2026, 1, 1))


def test_rule_not_in_force_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(InvalidInput, match="gäller inte"):
        catalogue.check_citations(["AFS 2015:4 9 §"], date(2026, 1, 1))
    assert all(p.regulation_id != "AFS 2015:4" for p in catalogue.citable_on(date(2026, 1, 1)))
    assert all(not p.repealed for p in catalogue.citable_on(date(2026, 1, 1)))


def test_letter_cites_the_rule_in_force_on_its_date(catalogue: Catalogue) -> None:
    assert catalogue.in_force_citation("AFS 2015:4 4 §", date(2017, 1, 1)) == "AFS 2015:4 4 §"
    later = catalogue.in_force_citation("AFS 2015:4 4 §", date(2026, 1, 1))
    assert later == "AFS 2023:2 2 kap. 3 §"


def test_letter_forms(catalogue: Catalogue) -> None:
    assert catalogue.letter_form("AFS 2015:4 9 §") == "AFS 2015:4, 9 §"
    assert catalogue.letter_form("AML 7 kap. 7 §") == "7 kap. 7 § arbetsmiljölagen (1977:1160)"
    assert catalogue.letter_form("Lag (1985:206) om viten 3 §") == "3 § lagen (1985:206) om viten"
    assert (catalogue.letter_form("Förvaltningslag (2017:900) 25 §")
            == "25 § förvaltningslagen (2017:900)")


def test_empty_citations_are_refused(catalogue: Catalogue) -> None:
    with pytest.raises(InvalidInput):
        catalogue.check_citations([], date(2026, 1, 1))

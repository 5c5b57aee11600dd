"""Successors as individual citable paragraphs, and letters that cite only rules in force."""

import re
from datetime import date

import pytest

from inspektion.config import load_settings
from inspektion.domain.catalogue import (
    Catalogue,
    refuse_rules_not_in_force,
    require_verified_for_decision,
    split_successors,
)
from inspektion.domain.errors import InvalidInput, StepRefused
from inspektion.reference.files import catalogue_from_rows, read_catalogue_rows

AFTER_REPEAL = date(2025, 2, 1)
REPEALED = ("AFS 2001:1", "AFS 1993:2", "AFS 2015:4", "AFS 1999:7", "AFS 2009:2")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return catalogue_from_rows(read_catalogue_rows(load_settings().fixtures_dir))


@pytest.mark.parametrize(("note", "expected"), [
    ("AFS 2023:1 7 § (policy) och 8 § (rutiner)", ("AFS 2023:1 7 §", "AFS 2023:1 8 §")),
    ("AFS 2023:1 7 § och 8 §", ("AFS 2023:1 7 §", "AFS 2023:1 8 §")),
    ("AFS 2023:1 11 § och 13 § (undersökning/riskbedömning, åtgärder) samt AFS 2023:2 5 kap. 3 §",
     ("AFS 2023:1 11 §", "AFS 2023:1 13 §", "AFS 2023:2 5 kap. 3 §")),
    ("AFS 2023:2 5 kap. 3 § första st. 1", ("AFS 2023:2 5 kap. 3 §",)),
    ("AFS 2023:2 5 kap. 3 § första st. 2–3 och andra st.", ("AFS 2023:2 5 kap. 3 §",)),
    ("AFS 2023:2 4 kap. 4 § (rutiner) och 4 kap. 6 § (chefers kunskaper om krisstöd)",
     ("AFS 2023:2 4 kap. 4 §", "AFS 2023:2 4 kap. 6 §")),
    ("AFS 2023:12 5 kap. 3 § (ventilation) och 4 § (uteluftsflöde) (via AFS 2020:1)",
     ("AFS 2023:12 5 kap. 3 §", "AFS 2023:12 5 kap. 4 §")),
    ("AFS 2023:2 4 kap. 4 § (rutiner för krisstöd) – bedömning", ("AFS 2023:2 4 kap. 4 §",)),
    ("AFS 2023:2 2 kap. 5 § första och tredje st.", ("AFS 2023:2 2 kap. 5 §",)),
    ("okänd (ingen motsvarande paragraf i AFS 2023:2 5 kap.; jfr AFS 2023:1 10 §)", ()),
    ("ingen direkt motsvarighet (AFS 2023:2 1 kap. 1 § är syftet för hela föreskriften)", ()),
    ("okänd", ()),
    (None, ()),
])
def test_successor_notes_split_into_citable_paragraphs(note: str | None,
                                                       expected: tuple[str, ...]) -> None:
    assert split_successors(note) == expected


def test_every_split_successor_is_a_paragraph_of_the_catalogue(catalogue: Catalogue) -> None:
    named = [(p.citation, s) for r in catalogue.regulations for p in r.paragraphs
             for s in p.successors]
    assert len(named) > 40
    # AFS 2001:1 2 § → "AFS 2023:1 1 §" (an assessment) is the one the catalogue lacks; such a
    # krav is refused after the repeal rather than printed with a paragraph nobody has read.
    assert [(c, s) for c, s in named if catalogue.find(s) is None] == [
        ("AFS 2001:1 2 §", "AFS 2023:1 1 §")]


def test_repealed_rules_map_to_all_their_successors(catalogue: Catalogue) -> None:
    assert catalogue.in_force_citations("AFS 2001:1 5 §", AFTER_REPEAL) == (
        "AFS 2023:1 7 §", "AFS 2023:1 8 §")
    assert catalogue.in_force_citations("AFS 1993:2 2 §", AFTER_REPEAL) == (
        "AFS 2023:1 11 §", "AFS 2023:1 13 §", "AFS 2023:2 5 kap. 3 §")
    assert catalogue.in_force_citations("AFS 1999:7 7 §", AFTER_REPEAL) == (
        "AFS 2023:2 4 kap. 4 §", "AFS 2023:2 4 kap. 6 §")
    # Before the repeal the old rule is the one in force.
    assert catalogue.in_force_citations("AFS 2001:1 5 §", date(2024, 6, 1)) == ("AFS 2001:1 5 §",)


def test_no_mapped_citation_is_repealed_on_the_letter_date(catalogue: Catalogue) -> None:
    for reg in catalogue.regulations:
        for para in reg.paragraphs:
            for cited in catalogue.in_force_citations(para.citation, AFTER_REPEAL):
                assert not cited.startswith(REPEALED), (para.citation, cited)


def test_krav_whose_rule_has_no_successor_is_refused_by_its_number(catalogue: Catalogue
                                                                   ) -> None:
    mapped, missing = catalogue.krav_citations_on(
        [(1, ["AFS 2001:1 5 §"]), (2, ["AFS 1993:2 9 §", "AFS 2001:1 8 §"])], AFTER_REPEAL)
    assert mapped[1] == ("AFS 2023:1 7 §", "AFS 2023:1 8 §")
    assert [(m.krav_number, m.citation) for m in missing] == [(2, "AFS 1993:2 9 §")]
    with pytest.raises(StepRefused, match=r"krav 2 hänvisar till AFS 1993:2, 9 §.*Välj"):
        refuse_rules_not_in_force(catalogue, missing, AFTER_REPEAL)


def test_decision_needs_verified_paragraphs(catalogue: Catalogue) -> None:
    # AFS 2001:1 5 § maps to AFS 2023:1 7 § and 8 §, both read in the text: allowed.
    require_verified_for_decision(catalogue, [(1, ["AFS 2001:1 5 §"])], AFTER_REPEAL)
    unverified = next(p for r in catalogue.regulations if r.in_force_on(AFTER_REPEAL)
                      for p in r.paragraphs if not p.verified and not p.repealed)
    printed = re.escape(catalogue.letter_form(unverified.citation))
    with pytest.raises(StepRefused, match=rf"krav 3: {printed}.*jurist ska verifiera"):
        require_verified_for_decision(catalogue, [(3, [unverified.citation])], AFTER_REPEAL)
    with pytest.raises(StepRefused, match="krav 4 hänvisar till"):
        require_verified_for_decision(catalogue, [(4, ["AFS 1993:2 9 §"])], AFTER_REPEAL)


def test_procedural_laws_are_never_a_krav_ground(catalogue: Catalogue) -> None:
    offered = {p.citation for p in catalogue.citable_on(date(2026, 1, 1))}
    assert not any(c.startswith(("Förvaltningslag", "Lag (1985:206)", "AML 9 kap.",
                                 "AML 7 kap.", "Lag (1971:289)", "Förordning (1977:937)"))
                   for c in offered)
    assert "AML 3 kap. 2 a §" in offered
    for citation in ("Förvaltningslag (2017:900) 25 §", "Lag (1985:206) om viten 2 §",
                     "AML 9 kap. 2 §", "AML 7 kap. 14 §"):
        with pytest.raises(InvalidInput, match="handläggning"):
            catalogue.check_citations([citation], date(2026, 1, 1))


def test_the_copy_to_the_safety_representative_rests_on_a_verified_paragraph(
        catalogue: Catalogue) -> None:
    para = catalogue.find("AML 7 kap. 14 §")
    assert para is not None and para.verified and para.source
    assert "kopia" in para.topic and "skyddsombud" in para.topic

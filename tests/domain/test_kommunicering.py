"""Kommunicering binds, deadlines can be met, utdömande only when lawful: the pure rules."""

from __future__ import annotations

from datetime import date

import pytest

from inspektion.config import load_settings
from inspektion.domain.errors import InvalidInput, StepRefused
from inspektion.domain.forum import vite_court, vite_court_basis
from inspektion.domain.kommunicering import (
    Atgard,
    Deadline,
    KravRecord,
    Terms,
    ViteMode,
    check_brist,
    check_deadlines_after_decision,
    check_immediate_announced,
    check_none_met,
    check_reply_time,
    check_within_announced,
)
from inspektion.domain.utdomande import (
    AssessmentFact,
    DomOutcome,
    UtdomandeCase,
    check_dom,
    check_utdomande,
)
from inspektion.reference.files import read_courts, read_vite_forum

D = date
DECIDED = D(2027, 1, 27)
MAR31 = Deadline(on=D(2027, 3, 31))


def terms(*atgarder: Atgard, mode: ViteMode = ViteMode.GEMENSAMT, vite: int | None = 50_000,
          reason: str = "Hänger ihop.") -> Terms:
    return Terms(atgarder, mode, vite if mode is ViteMode.GEMENSAMT else None,
                 reason if mode is not ViteMode.INGET else "")


A2 = Atgard(12, 2, MAR31)
A3 = Atgard(13, 3, MAR31)
ANNOUNCED = terms(A2, A3)


@pytest.mark.parametrize(("ordered", "words"), [
    (terms(A2, Atgard(14, 4, MAR31)), "Krav 4 fanns inte med"),
    (terms(A2, A3, vite=5_000_000),
     "Vitet 5\u00a0000\u00a0000\u00a0kr är högre än de 50\u00a0000\u00a0kr"),
    (terms(A2, A3, vite=50_001), "högre än"),
    (terms(Atgard(12, 2, Deadline(on=D(2027, 3, 30))), A3), "tidigare tidpunkt"),
    (terms(Atgard(12, 2, Deadline(days_after_service=30)), A3), "tidigare tidpunkt"),
    (terms(Atgard(12, 2, MAR31, 20_000), Atgard(13, 3, MAR31, 20_000),
           mode=ViteMode.PER_ATGARD), "byta form"),
])
def test_more_than_announced_needs_a_new_underrattelse(ordered: Terms, words: str) -> None:
    with pytest.raises(StepRefused, match=words) as refused:
        check_within_announced(ANNOUNCED, ordered, DECIDED)
    assert "ny underrättelse" in str(refused.value)


@pytest.mark.parametrize("ordered", [
    terms(A2),                                                    # fewer åtgärder
    terms(A2, A3, vite=10_000),                                   # lower vite
    terms(A2, A3, mode=ViteMode.INGET),                           # no vite at all
    terms(Atgard(12, 2, Deadline(on=D(2027, 4, 30))), A3),        # later deadline
    terms(Atgard(12, 2, Deadline(days_after_service=90)), A3),    # a period ending later
])
def test_less_than_announced_is_allowed(ordered: Terms) -> None:
    check_within_announced(ANNOUNCED, ordered, DECIDED)


@pytest.mark.parametrize(("met", "words"), [
    ([1], "Krav 1 är redan uppfyllt och"),
    ([3, 1], "Krav 1 och 3 är redan uppfyllda och"),
])
def test_a_met_krav_cannot_be_ordered(met: list[int], words: str) -> None:
    with pytest.raises(StepRefused, match=words):
        check_none_met(met)
    check_none_met([])


def test_a_vite_when_none_was_announced_is_refused() -> None:
    with pytest.raises(StepRefused, match="inte skulle förenas med vite"):
        check_within_announced(terms(A2, mode=ViteMode.INGET), terms(A2, vite=1), DECIDED)


def test_per_atgard_vite_is_compared_per_atgard() -> None:
    announced = terms(Atgard(12, 2, MAR31, 20_000), Atgard(13, 3, MAR31, 30_000),
                      mode=ViteMode.PER_ATGARD)
    check_within_announced(announced, terms(Atgard(12, 2, MAR31, 20_000),
                                            mode=ViteMode.PER_ATGARD), DECIDED)
    with pytest.raises(StepRefused, match="åtgärd 2 \\(25\u00a0000\u00a0kr\\) är högre"):
        check_within_announced(announced, terms(Atgard(12, 2, MAR31, 25_000),
                                                mode=ViteMode.PER_ATGARD), DECIDED)


@pytest.mark.parametrize(("letter", "reply", "ok"), [
    (D(2027, 1, 1), D(2027, 1, 15), True), (D(2027, 1, 1), D(2027, 1, 14), False)])
def test_reply_time_is_at_least_the_minimum(letter: date, reply: date, ok: bool) -> None:
    if ok:
        check_reply_time(letter, reply, 14)
    else:
        with pytest.raises(StepRefused, match="minst 14 dagar"):
            check_reply_time(letter, reply, 14)


@pytest.mark.parametrize(("deadline", "ok"), [
    (Deadline(on=D(2027, 2, 26)), True), (Deadline(on=D(2027, 2, 25)), False),
    (Deadline(days_after_service=30), True), (Deadline(days_after_service=29), False)])
def test_deadline_is_at_least_the_minimum_after_the_decision(deadline: Deadline,
                                                             ok: bool) -> None:
    t = terms(Atgard(12, 2, deadline))
    if ok:
        check_deadlines_after_decision(t, DECIDED, 30)
    else:
        with pytest.raises(StepRefused, match="Tiden för åtgärd 2 är för kort"):
            check_deadlines_after_decision(t, DECIDED, 30)


@pytest.mark.parametrize(("announced", "ordered", "ok"), [
    (False, True, False), (True, True, True), (False, False, True), (True, False, True)])
def test_immediate_effect_must_have_been_announced(announced: bool, ordered: bool,
                                                   ok: bool) -> None:
    if ok:
        check_immediate_announced(announced, ordered)
    else:
        with pytest.raises(StepRefused, match="angav inte att beslutet skulle gälla omedelbart"):
            check_immediate_announced(announced, ordered)


def test_krav_without_brist_is_named_by_its_number() -> None:
    with pytest.raises(StepRefused, match="Krav 3 saknar en beskriven brist") as refused:
        check_brist([KravRecord(901, 2, "Ingen riskbedömning."), KravRecord(902, 3, "  ")])
    assert "902" not in str(refused.value)


def test_several_atgarder_under_one_vite_need_a_reason() -> None:
    with pytest.raises(InvalidInput, match="Skriv varför"):
        Terms((A2, A3), ViteMode.GEMENSAMT, 50_000, "")


SERVED = D(2027, 1, 29)
CASE = UtdomandeCase(ANNOUNCED, DECIDED, SERVED, (
    AssessmentFact(13, D(2027, 3, 20), True, "svar"),
    AssessmentFact(12, D(2027, 4, 2), False, "uppföljningsbesök 2027-04-02"),
))


@pytest.mark.parametrize(("case", "today", "krav", "words"), [
    (UtdomandeCase(ANNOUNCED, DECIDED, None, ()), D(2027, 5, 1), [12], "inte delgivet"),
    (UtdomandeCase(ANNOUNCED, DECIDED, D(2027, 3, 20), CASE.assessments), D(2027, 5, 1), [12],
     "för sent"),
    (CASE, D(2027, 3, 31), [12], "går ut 2027-03-31"),
    (CASE, D(2027, 5, 1), [13], "bedömdes som uppfylld 2027-03-20"),
    (UtdomandeCase(ANNOUNCED, DECIDED, D(2027, 3, 10), CASE.assessments), D(2027, 3, 31), [12],
     "vunnit laga kraft"),
    (UtdomandeCase(ANNOUNCED, DECIDED, SERVED, (AssessmentFact(12, D(2027, 3, 31), False),)),
     D(2027, 5, 1), [12], "ingen bedömning daterad efter 2027-03-31"),
    # Served 2027-03-01, 30 days before the deadline, but not immediate: laga kraft only
    # 2027-03-22, nine days before it.
    (UtdomandeCase(ANNOUNCED, DECIDED, D(2027, 3, 1), CASE.assessments), D(2027, 5, 1), [12],
     "vinna laga kraft först 2027-03-22"),
])
def test_utdomande_refused_where_a_court_would_refuse(case: UtdomandeCase, today: date,
                                                      krav: list[int], words: str) -> None:
    with pytest.raises(StepRefused, match=words):
        check_utdomande(case, today, 14, krav, 50_000, "Inte gjort.")


def test_utdomande_covers_the_unmet_and_needs_a_motivering() -> None:
    with pytest.raises(InvalidInput, match="motivering"):
        check_utdomande(CASE, D(2027, 5, 1), 14, [12], 50_000, " ")
    unmet = check_utdomande(CASE, D(2027, 5, 1), 14, [12], 50_000, "Inte gjort.")
    assert [(u.number, u.shown_by.source) for u in unmet] == [(2, "uppföljningsbesök 2027-04-02")]
    with pytest.raises(StepRefused, match="Yrkat belopp 50\u00a0001\u00a0kr är högre än vitet "
                       "för de åtgärder som ansökan gäller \\(50\u00a0000\u00a0kr\\)"):
        check_utdomande(CASE, D(2027, 5, 1), 14, [12], 50_001, "Inte gjort.")


def test_an_immediate_order_binds_from_delgivning() -> None:
    """With 9 kap. 5 § the margin counts from delgivning; without it, from laga kraft."""
    served = D(2027, 3, 1)
    later = UtdomandeCase(ANNOUNCED, DECIDED, served, CASE.assessments)
    with pytest.raises(StepRefused, match="gällde inte omedelbart"):
        check_utdomande(later, D(2027, 5, 1), 14, [12], 50_000, "Inte gjort.")
    now = UtdomandeCase(ANNOUNCED, DECIDED, served, CASE.assessments, immediate=True)
    assert [u.number for u in check_utdomande(now, D(2027, 5, 1), 14, [12], 50_000,
                                              "Inte gjort.")] == [2]


def test_the_vite_court_is_the_one_of_the_authoritys_seat() -> None:
    """6 § lagen om viten: the court of AV's seat (Solna), not of the arbetsställe."""
    settings_dir = load_settings().fixtures_dir
    forum = read_vite_forum(settings_dir)
    court = vite_court(read_courts(settings_dir), forum)
    assert (forum.seat_kommun, court.name) == ("Solna", "Förvaltningsrätten i Stockholm")
    assert "6 § lagen (1985:206) om viten" in vite_court_basis(court, forum)
    assert "arbetsstället" not in vite_court_basis(court, forum)


@pytest.mark.parametrize(("outcome", "amount", "ok"), [
    ("bifall", 50_000, True), ("bifall", 40_000, False), ("delvis_bifall", 20_000, True),
    ("delvis_bifall", 50_000, False), ("avslag", 0, True), ("avslag", 1, False),
    ("friande", 0, False)])
def test_dom_amount_fits_the_outcome(outcome: str, amount: int, ok: bool) -> None:
    args = (outcome, amount, 50_000, D(2027, 5, 20), D(2027, 4, 1), D(2027, 6, 1), None)
    if ok:
        assert isinstance(check_dom(*args), DomOutcome)
    else:
        with pytest.raises(InvalidInput):
            check_dom(*args)

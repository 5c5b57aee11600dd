"""The lifecycle's behaviour: walks through it, its refusals, and one change detector for the
RULES table (the table is compared once, not restated cell by cell)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from inspektion.domain.errors import Forbidden, StepRefused
from inspektion.domain.lifecycle import (
    RULES,
    CaseFacts,
    CaseStatus,
    Method,
    Step,
    check_role,
    check_step,
    step_options,
)
from inspektion.domain.roles import Role

S = CaseStatus
TODAY = date(2026, 11, 23)

# What a case must look like for each condition to pass; refusals are tested separately.
PASSING = CaseFacts(method=Method.FOKUSINSPEKTION, status=S.PLANERAD, today=TODAY,
                    krav_total=2, krav_open=1, gruppsamtal_count=1,
                    underrattelse_svar_senast=date(2026, 11, 1),
                    forelaggande_deadline=date(2026, 11, 1), forelaggande_served=True,
                    forelaggande_vite_sek=50_000)

EXPECTED_ALLOWED: dict[Step, set[CaseStatus]] = {
    Step.FORMOTE: {S.PLANERAD, S.PAGAENDE, S.REDOVISNING_INKOMMEN},
    Step.GRUPPSAMTAL: {S.PAGAENDE},
    Step.ATERKOPPLING: {S.PAGAENDE},
    Step.ATERKOPPLANDE_MOTE: {S.PAGAENDE},
    Step.KRAV: {S.PAGAENDE},
    Step.INSPEKTIONSMEDDELANDE: {S.PAGAENDE},
    Step.SVAR: {S.MEDDELANDE_SKICKAT, S.UPPFOLJNING, S.UNDERRATTELSE_SKICKAD,
                S.FORELAGGANDE_BESLUTAT, S.UTDOMANDE_ANSOKT, S.DOM_MEDDELAD},
    Step.UPPFOLJNING: {S.MEDDELANDE_SKICKAT, S.UPPFOLJNING, S.UNDERRATTELSE_SKICKAD,
                       S.FORELAGGANDE_BESLUTAT, S.UTDOMANDE_ANSOKT, S.DOM_MEDDELAD},
    Step.TILLSYNSMEDDELANDE: {S.PLANERAD},
    Step.REDOVISNING: {S.TILLSYNSMEDDELANDE_SKICKAT, S.KOMPLETTERING_BEGARD},
    Step.KOMPLETTERING: {S.REDOVISNING_INKOMMEN},
    Step.UNDERRATTELSE: {S.MEDDELANDE_SKICKAT, S.UPPFOLJNING, S.UNDERRATTELSE_SKICKAD,
                         S.DOM_MEDDELAD},
    Step.FORELAGGANDE: {S.UNDERRATTELSE_SKICKAD},
    Step.DELGIVNING: set(CaseStatus) - {S.AVSLUTAD},
    Step.UTDOMANDE: {S.FORELAGGANDE_BESLUTAT},
    Step.DOM: {S.UTDOMANDE_ANSOKT},
    Step.ASSIGN: set(CaseStatus) - {S.AVSLUTAD},
    Step.FORSLAG: {S.MEDDELANDE_SKICKAT, S.UPPFOLJNING, S.UNDERRATTELSE_SKICKAD,
                   S.FORELAGGANDE_BESLUTAT, S.UTDOMANDE_ANSOKT, S.DOM_MEDDELAD},
    Step.HANDLING: set(CaseStatus),  # what comes in is registered, even after closing
    Step.CLOSE: set(CaseStatus) - {S.AVSLUTAD, S.PLANERAD, S.TILLSYNSMEDDELANDE_SKICKAT,
                                   S.KOMPLETTERING_BEGARD},
}
EXPECTED_ROLES: dict[Step, set[Role]] = {
    **{s: {Role.INSPEKTOR} for s in Step},
    Step.UNDERRATTELSE: {Role.INSPEKTOR, Role.JURIST},
    Step.DELGIVNING: {Role.INSPEKTOR, Role.JURIST},
    Step.HANDLING: {Role.INSPEKTOR, Role.JURIST},
    Step.FORELAGGANDE: {Role.JURIST},
    Step.UTDOMANDE: {Role.JURIST},
    Step.DOM: {Role.JURIST},
    Step.ASSIGN: {Role.SAMORDNARE},
}


def _facts_for(step: Step, status: CaseStatus) -> CaseFacts:
    method = Method.TILLSYNSMEDDELANDE if step is Step.TILLSYNSMEDDELANDE else PASSING.method
    facts = replace(PASSING, status=status, method=method)
    if step is Step.CLOSE:
        facts = replace(facts, krav_open=0)
    return facts


def test_the_rules_table_is_the_one_agreed_change_detector() -> None:
    """One check, not one per cell: a change to RULES must be made here too, on purpose."""
    assert {step: set(rule.from_states) for step, rule in RULES.items()} == EXPECTED_ALLOWED
    assert {step: set(rule.roles) for step, rule in RULES.items()} == EXPECTED_ROLES


def _walk(facts: CaseFacts, *steps: tuple[Step, Role]) -> CaseStatus:
    """Take the steps in order, each on the status the one before left."""
    for step, role in steps:
        facts = replace(facts, status=check_step(step, role, facts))
    return facts.status


def test_a_fokusinspektion_walks_from_planned_to_closed() -> None:
    start = replace(PASSING, status=S.PLANERAD, krav_open=0)
    at_letter = _walk(start, (Step.FORMOTE, Role.INSPEKTOR), (Step.GRUPPSAMTAL, Role.INSPEKTOR),
                      (Step.ATERKOPPLING, Role.INSPEKTOR))
    assert at_letter is S.PAGAENDE
    sent = _walk(replace(start, status=at_letter, krav_open=1),
                 (Step.INSPEKTIONSMEDDELANDE, Role.INSPEKTOR))
    assert sent is S.MEDDELANDE_SKICKAT
    answered = _walk(replace(start, status=sent), (Step.SVAR, Role.INSPEKTOR))
    assert _walk(replace(start, status=answered), (Step.CLOSE, Role.INSPEKTOR)) is S.AVSLUTAD


def test_the_escalation_walks_from_a_letter_to_the_court() -> None:
    facts = replace(PASSING, status=S.MEDDELANDE_SKICKAT)
    assert _walk(facts, (Step.UNDERRATTELSE, Role.JURIST), (Step.FORELAGGANDE, Role.JURIST),
                 (Step.UTDOMANDE, Role.JURIST), (Step.DOM, Role.JURIST)) is S.DOM_MEDDELAD


def test_no_status_but_closed_is_a_dead_end_and_closed_takes_only_mail() -> None:
    for status in CaseStatus:
        facts = replace(_facts_for(Step.CLOSE, status), method=Method.FOKUSINSPEKTION)
        two_step = replace(facts, method=Method.TILLSYNSMEDDELANDE)
        moves = {o.step for role in Role for f in (facts, two_step)
                 for o in step_options(role, f) if o.allowed}
        if status is S.AVSLUTAD:
            assert moves == {Step.HANDLING}
        else:
            assert moves - {Step.HANDLING, Step.ASSIGN, Step.DELGIVNING}, status


def test_every_status_but_uppfoljning_is_reached_by_steps_from_planerad() -> None:
    """Uppföljning is where an assessment of the answer puts a case (services/krav)."""
    reached, frontier = {S.PLANERAD}, [S.PLANERAD]
    while frontier:
        status = frontier.pop()
        for rule in RULES.values():
            if status in rule.from_states and rule.to_state and rule.to_state not in reached:
                reached.add(rule.to_state)
                frontier.append(rule.to_state)
    assert set(CaseStatus) - reached == {S.UPPFOLJNING}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_an_offered_step_is_one_the_check_accepts(role: Role) -> None:
    """The pages' buttons (step_options) and the services' check (check_step) agree."""
    for status in CaseStatus:
        for step in Step:
            facts = _facts_for(step, status)
            options = {o.step: o for o in step_options(role, facts)}
            if step not in options:
                with pytest.raises(Forbidden):
                    check_step(step, role, facts)
            elif options[step].allowed:
                assert check_step(step, role, facts) is (RULES[step].to_state or status)
            else:
                with pytest.raises(StepRefused):
                    check_step(step, role, facts)


def test_role_is_refused_before_state_whatever_the_state() -> None:
    closed = replace(PASSING, status=S.AVSLUTAD)
    with pytest.raises(Forbidden, match="jurist"):
        check_step(Step.FORELAGGANDE, Role.INSPEKTOR, closed)


def test_forelaggande_requires_underrattelse() -> None:
    facts = replace(PASSING, status=S.UNDERRATTELSE_SKICKAD, underrattelse_svar_senast=None)
    with pytest.raises(StepRefused, match="underrättelse"):
        check_step(Step.FORELAGGANDE, Role.JURIST, facts)


def test_forelaggande_waits_until_comment_time_has_passed() -> None:
    facts = replace(PASSING, status=S.UNDERRATTELSE_SKICKAD, underrattelse_svar_senast=TODAY)
    with pytest.raises(StepRefused, match="yttra sig"):
        check_step(Step.FORELAGGANDE, Role.JURIST, facts)
    later = replace(facts, today=date(2026, 11, 24))
    assert check_step(Step.FORELAGGANDE, Role.JURIST, later) is S.FORELAGGANDE_BESLUTAT


def test_case_closes_only_when_no_krav_is_open() -> None:
    facts = replace(PASSING, status=S.UPPFOLJNING, krav_open=2)
    with pytest.raises(StepRefused, match="2 krav"):
        check_step(Step.CLOSE, Role.INSPEKTOR, facts)


def test_inspektionsmeddelande_needs_a_krav() -> None:
    facts = replace(PASSING, status=S.PAGAENDE, krav_open=0)
    with pytest.raises(StepRefused, match="minst ett krav"):
        check_step(Step.INSPEKTIONSMEDDELANDE, Role.INSPEKTOR, facts)


def test_aterkoppling_follows_a_gruppsamtal() -> None:
    facts = replace(PASSING, status=S.PAGAENDE, gruppsamtal_count=0)
    with pytest.raises(StepRefused, match="gruppsamtal"):
        check_step(Step.ATERKOPPLING, Role.INSPEKTOR, facts)


def test_two_step_method_starts_with_tillsynsmeddelande() -> None:
    facts = replace(PASSING, status=S.PLANERAD, method=Method.TILLSYNSMEDDELANDE)
    with pytest.raises(StepRefused, match="tillsynsmeddelande"):
        check_step(Step.FORMOTE, Role.INSPEKTOR, facts)
    fokus = replace(PASSING, status=S.PLANERAD)
    with pytest.raises(StepRefused, match="tvåstegsmetoden"):
        check_step(Step.TILLSYNSMEDDELANDE, Role.INSPEKTOR, fokus)


def test_utdomande_needs_service_vite_and_passed_deadline() -> None:
    base = replace(PASSING, status=S.FORELAGGANDE_BESLUTAT)
    with pytest.raises(StepRefused, match="delgivet"):
        check_step(Step.UTDOMANDE, Role.JURIST, replace(base, forelaggande_served=False))
    with pytest.raises(StepRefused, match="vite"):
        check_step(Step.UTDOMANDE, Role.JURIST, replace(base, forelaggande_vite_sek=None))
    with pytest.raises(StepRefused, match="inte gått ut"):
        check_step(Step.UTDOMANDE, Role.JURIST, replace(base, forelaggande_deadline=TODAY))
    assert check_step(Step.UTDOMANDE, Role.JURIST, base) is S.UTDOMANDE_ANSOKT


def test_step_options_show_refused_steps_with_reasons() -> None:
    options = step_options(Role.INSPEKTOR, replace(PASSING, status=S.PLANERAD))
    by_step = {o.step: o for o in options}
    assert by_step[Step.FORMOTE].allowed
    assert not by_step[Step.CLOSE].allowed and by_step[Step.CLOSE].reason
    assert Step.FORELAGGANDE not in by_step  # never the inspector's step


def test_role_check_alone() -> None:
    check_role(Step.FORELAGGANDE, Role.JURIST)
    with pytest.raises(Forbidden):
        check_role(Step.KRAV, Role.ADMIN)

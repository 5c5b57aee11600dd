"""Every step against every state and role: the table in domain/lifecycle.py, pinned."""

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
    Step.UNDERRATTELSE: {S.MEDDELANDE_SKICKAT, S.UPPFOLJNING, S.DOM_MEDDELAD},
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


CASES = [(step, status, role) for step in Step for status in CaseStatus for role in Role]


@pytest.mark.parametrize(("step", "status", "role"), CASES,
                         ids=[f"{s.value}-{st.value}-{r.value}" for s, st, r in CASES])
def test_every_step_state_and_role(step: Step, status: CaseStatus, role: Role) -> None:
    facts = _facts_for(step, status)
    if role not in EXPECTED_ROLES[step]:
        with pytest.raises(Forbidden):
            check_step(step, role, facts)
    elif status in EXPECTED_ALLOWED[step]:
        after = check_step(step, role, facts)
        assert after == (RULES[step].to_state or status)
    else:
        with pytest.raises(StepRefused, match="status"):
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

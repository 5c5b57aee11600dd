"""The effect per effektmål on a small campaign built by hand, checked against arithmetic done
here, and the anonymity rule: a group under the minimum never contributes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from inspektion.domain.effekt import (
    NO_PAIRS,
    GroupChange,
    KravFact,
    KravOutcome,
    aggregate,
    bootstrap_interval,
    krav_outcome,
    krav_outcomes,
)
from tests.support import LUND, UMEA, Walker, bearer, group, move_days
from tests.web.pages import login


def answers(n: int, value: int, overrides: dict[int, int] | None = None,
            skip: dict[int, int] | None = None) -> list[dict[str, int]]:
    """n answers, every question `value` except `overrides`; `skip` {question: how many} leaves
    that question unanswered by that many people."""
    out = []
    for i in range(n):
        row = {str(q): (overrides or {}).get(q, value) for q in range(1, 23)}
        for q, how_many in (skip or {}).items():
            if i < how_many:
                del row[str(q)]
        out.append(row)
    return out


async def _case(client: Any, tokens: dict[str, str], campaign_id: int, kommun: str,
                follow_up: list[dict[str, int]], area: str = "Barn och unga") -> Walker:
    w = Walker(client, tokens, campaign_id)
    await w.open(kommun)
    await w.to_meddelande(2)  # first gruppsamtal: 5 people answering 2 everywhere
    move_days(30)
    await w.post("gruppsamtal-uppfoljning", {"date": move_days(0).isoformat(),
                                             "arbetsomrade": area, "responses": follow_up})
    return w


@pytest.fixture
def nord_tokens(tokens: dict[str, str]) -> dict[str, str]:
    return {**tokens, "inspektor": tokens["insp_nord"]}


async def test_effect_equals_the_hand_computation(client: Any, tokens: dict[str, str],
                                                  nord_tokens: dict[str, str],
                                                  campaign_id: int) -> None:
    # A (Syd): workload questions 5–8 go from 2 to 4, everything else from 2 to 3.
    await _case(client, tokens, campaign_id, LUND,
                answers(5, 3, overrides={5: 4, 6: 4, 7: 4, 8: 4}))
    # B (Nord): everything from 2 to 3; question 22 answered by only 1 of 5 (with a 5), so it
    # is left out and cannot move effektmål 2.
    await _case(client, nord_tokens, campaign_id, UMEA,
                answers(5, 3, overrides={22: 5}, skip={22: 4}))
    # C (Syd): three at the follow-up, under the minimum of 4: never counted.
    await _case(client, tokens, campaign_id, LUND, answers(3, 5))

    r = await client.get(f"/api/campaigns/{campaign_id}/effekt",
                         headers=bearer(tokens["samordnare"]))
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["minimum"] == 4
    assert (data["first_groups"], data["follow_up_groups"], data["pairs"],
            data["pairs_too_small"]) == (3, 3, 3, 1)
    goals = {g["effektmal"]: g for g in data["goals"]}

    # Effektmål 1 = areas mål (q1–4), arbetskrav (q5–8), introduktion (q9–11): 11 questions.
    # A after: (4·4 + 7·3) / 11 = 37/11, change 15/11; B change 1. Mean (15/11 + 1) / 2.
    g1 = goals[1]["campaign"]
    assert g1["groups"] == 2 and g1["excluded_groups"] == 1
    assert (g1["respondents_first"], g1["respondents_follow_up"]) == (10, 10)
    assert g1["before"] == pytest.approx(2.0)
    assert g1["after"] == pytest.approx((37 / 11 + 3) / 2)
    assert g1["change"] == pytest.approx((15 / 11 + 1) / 2)
    assert 1.0 - 1e-9 <= g1["low"] <= g1["change"] <= g1["high"] <= 15 / 11 + 1e-9
    # Two groups: the bootstrap interval is about their range, so only "tecken på".
    assert g1["verdict"] == "Tecken på förbättring (få grupper)" and g1["few_groups"] is True

    # Effektmål 2 = hot och våld (q19–22): both groups 2 → 3, B's lone 5 on q22 left out.
    g2 = goals[2]["campaign"]
    assert g2["change"] == pytest.approx(1.0)
    assert g2["low"] == pytest.approx(1.0) and g2["high"] == pytest.approx(1.0)

    # Per region: Syd holds only A (C is too small), Nord only B; one group → no interval.
    regions = {p["key"]: p["effect"] for p in goals[1]["regions"]}
    assert set(regions) == {"IRS-Syd", "IRN-Nord"}
    assert regions["IRS-Syd"]["change"] == pytest.approx(15 / 11)
    assert regions["IRS-Syd"]["groups"] == 1 and regions["IRS-Syd"]["low"] is None
    assert regions["IRN-Nord"]["change"] == pytest.approx(1.0)
    # No workplace shows C's 5s anywhere.
    for g in goals.values():
        for place in g["workplaces"] + g["regions"] + [{"effect": g["campaign"]}]:
            e = place["effect"]
            assert e["after"] is None or e["after"] < 4.5

    # Krav: two per case (templates for effektmål 1 and 2), none answered yet: they wait,
    # they are not "never met".
    assert goals[1]["krav"]["total"] == 3 and goals[1]["krav"]["by_outcome"]["vantar"] == 3
    assert goals[1]["krav"]["by_outcome"]["inte_uppfyllt"] == 0
    assert goals[1]["krav"]["still_open"] == 3
    assert goals[1]["templates"][0]["krav"] == 3

    # The coordinator's page: the same figures, the "where" table by region and effektmål,
    # and the method stated. C's workplace (only a too-small group) shows nowhere.
    await login(client, "samord")
    page = (await client.get("/effekt", params={"campaign_id": campaign_id})).text
    assert "Vilka effektmål rörde sig?" in page and "Hur säkra är vi?" in page
    assert "bootstrapintervall över grupper" in page and "färre än fem grupper" in page
    matrix = page[page.index('id="var-rubrik"'):page.index('id="hur-rubrik"')]
    assert ">IRS-Syd<" in matrix and ">IRN-Nord<" in matrix
    assert "+1,36" in matrix and "1 grupp · En grupp: osäkerheten kan inte skattas" in matrix
    assert page.count("Socialkontoret (Lund)") == 4  # A's row in each goal's workplace table


async def test_groups_under_the_minimum_never_contribute(client: Any, tokens: dict[str, str],
                                                         campaign_id: int) -> None:
    await _case(client, tokens, campaign_id, LUND, answers(3, 5))
    r = await client.get(f"/api/campaigns/{campaign_id}/effekt",
                         headers=bearer(tokens["inspektor"]))
    data = r.json()
    for g in data["goals"]:
        e = g["campaign"]
        assert e["suppressed"] is True and e["groups"] == 0
        assert e["verdict"] == "För få svarande för att visa något"
        assert e["before"] is None and e["after"] is None and e["change"] is None
        assert g["regions"] == [] and g["workplaces"] == []
    assert data["pairs_too_small"] == 1
    # Lund's region and workplace hold only this small group: no figure for them anywhere.
    await login(client, "samord")
    page = (await client.get("/effekt", params={"campaign_id": campaign_id})).text
    assert "Ingen region har grupper med minst 4 svarande" in page
    assert "Socialkontoret (Lund)" not in page and "IRS-Syd</th>" not in page


async def test_follow_up_needs_a_first_conversation_in_that_area(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(LUND)
    await w.to_meddelande(1)
    move_days(10)
    out = await w.post("gruppsamtal-uppfoljning", {
        "date": move_days(0).isoformat(), "arbetsomrade": "Vuxen", "responses": group(5)},
        expect=400)
    assert "inget första gruppsamtal" in str(out) and "Barn och unga" in str(out)
    # Before the letter it is refused (the uppföljningsbesök comes after the letter).
    w2 = Walker(client, tokens, campaign_id)
    await w2.open(LUND)
    await w2.to_pagaende()
    out = await w2.post("gruppsamtal-uppfoljning", {
        "date": move_days(0).isoformat(), "arbetsomrade": "Barn och unga",
        "responses": group(5)}, expect=409)


def test_aggregate_suppresses_too_few_respondents() -> None:
    few = [GroupChange(1, "IRS-Syd", 2, 2, 2.0, 3.0)]
    assert aggregate(1, few, minimum=4).suppressed is True
    assert aggregate(1, [], minimum=4).change is None
    assert aggregate(1, [], minimum=4).verdict == NO_PAIRS == ("Inga gruppsamtal vid "
                                                                "uppföljningen att jämföra med")
    assert aggregate(1, [], minimum=4, excluded=1).verdict == "För få svarande för att visa något"


def test_verdict_says_only_tecken_pa_over_few_groups() -> None:
    # Two groups that both moved +0,6: the interval is tight, the evidence is not.
    two = [GroupChange(i, "IRN-Nord", 5, 5, 2.0, 2.6 + i / 100) for i in range(2)]
    e = aggregate(1, two, minimum=4)
    assert e.low is not None and e.low > 0
    assert e.verdict == "Tecken på förbättring (få grupper)"
    worse = [GroupChange(i, "IRS-Syd", 5, 5, 3.0, 2.5 - i / 10) for i in range(6)]
    assert aggregate(1, worse, minimum=4).verdict == "Försämring"
    mixed = [GroupChange(i, "IRS-Syd", 5, 5, 3.0, 3.0 + (-1) ** i / 2) for i in range(3)]
    assert aggregate(1, mixed, minimum=4).verdict == "Ingen säker förändring (få grupper)"
    assert aggregate(1, two[:1], minimum=4).verdict == "En grupp: osäkerheten kan inte skattas"


def test_waiting_krav_are_not_never_met() -> None:
    def fact(state: str, forelaggande: bool = False) -> KravFact:
        return KravFact(1, state, None, date(2026, 1, 10), None, forelaggande)
    facts = [fact("oppen"), fact("komplettering_begard"), fact("ej_uppfyllt"),
             fact("i_forelaggande", True)]
    out = krav_outcomes(1, facts)
    assert out.by_outcome["vantar"] == 2 == out.still_open
    assert out.by_outcome["inte_uppfyllt"] == 2
    assert krav_outcome(fact("uppfyllt", True)) == KravOutcome.VIA_FORELAGGANDE


def test_bootstrap_is_fixed_and_honest() -> None:
    changes = [0.2, -0.1, 0.5, 0.3, 0.0, 0.4]
    assert bootstrap_interval(changes) == bootstrap_interval(list(reversed(changes)))
    low, high = bootstrap_interval(changes) or (0, 0)
    assert min(changes) <= low < sum(changes) / 6 < high <= max(changes)
    assert bootstrap_interval([0.3]) is None


async def test_krav_outcomes_follow_the_dated_assessments(client: Any, tokens: dict[str, str],
                                                          campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(LUND)
    await w.to_meddelande(2)  # krav 1: arbetsbelastning (effektmål 1), 2: hot och våld (2)
    answered = move_days(10)
    await w.post("svar", {"received": answered.isoformat(),
                          "komplettering_senast": (answered + timedelta(days=20)).isoformat(),
                          "assessments": [{"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
                                          {"krav_id": w.krav_ids[1],
                                           "outcome": "komplettering"}]})
    visit = move_days(30)
    await w.post("uppfoljning", {"date": visit.isoformat(), "participants": [
        {"role": "Socialchef", "name": ""}],
        "assessments": [{"krav_id": w.krav_ids[1], "outcome": "uppfyllt"}]})
    data = (await client.get(f"/api/campaigns/{campaign_id}/effekt",
                             headers=bearer(tokens["jurist"]))).json()
    goals = {g["effektmal"]: g["krav"] for g in data["goals"]}
    assert goals[1]["by_outcome"] == {"vid_svar": 1, "vid_uppfoljning": 0,
                                      "via_forelaggande": 0, "inte_uppfyllt": 0, "vantar": 0}
    assert goals[1]["days_median"] == 10
    assert goals[2]["by_outcome"] == {"vid_svar": 0, "vid_uppfoljning": 1,
                                      "via_forelaggande": 0, "inte_uppfyllt": 0, "vantar": 0}
    assert goals[2]["days_median"] == 40


async def test_refusals_are_clear(client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    r = await client.get("/api/campaigns/999999/effekt", headers=bearer(tokens["jurist"]))
    assert r.status_code == 404 and "finns inte" in r.text
    r = await client.get(f"/api/campaigns/{campaign_id}/effekt")
    assert r.status_code == 401
    w = Walker(client, tokens, campaign_id)
    await w.open(LUND)
    await w.to_meddelande(1)
    day = move_days(5).isoformat()
    # Only the inspector holds the follow-up gruppsamtal.
    await w.post("gruppsamtal-uppfoljning", {"date": day, "arbetsomrade": "Barn och unga",
                                             "responses": group(5)}, role="samordnare",
                 expect=403)
    # Not on the day of the first conversation or before it.
    clock_day = (await w.detail())["gruppsamtal"][0]["date"]
    out = await w.post("gruppsamtal-uppfoljning", {"date": clock_day,
                                                   "arbetsomrade": "barn och unga",
                                                   "responses": group(5)}, expect=409)
    assert "efter det första" in str(out)
    # The area matches whatever its case; the follow-up keeps the first one's spelling.
    out = await w.post("gruppsamtal-uppfoljning", {"date": day, "arbetsomrade": " barn OCH unga",
                                                   "responses": group(4)})
    detail = await w.detail()
    assert [g["arbetsomrade"] for g in detail["gruppsamtal"]] == ["Barn och unga"] * 2

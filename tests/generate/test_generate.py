"""`inspektion generate`: a small national data set that the lifecycle could have produced."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from typing import Any

import pytest

from inspektion import clock
from inspektion.db.tables import (
    AuditEvent,
    Campaign,
    CampaignRegionTarget,
    Case,
    Decision,
    DiarieCounter,
    Document,
    Krav,
    User,
)
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import CaseStatus
from inspektion.generate.cli import run_generation
from inspektion.services import reference
from tests import support
from tests.support import Walker, bearer


@pytest.fixture
async def generated(db: str) -> AsyncIterator[dict[str, Any]]:
    out = await run_generation(50, seed=3, quiet=True)
    yield out
    await support.clean_case_data()
    campaigns = [r["id"] for r in await Campaign.select(Campaign.id).where(
        Campaign.name.like("Socialtjänstens arbetsmiljö %"))]
    if campaigns:
        await CampaignRegionTarget.delete().where(CampaignRegionTarget.campaign.is_in(campaigns))
        await Campaign.delete().where(Campaign.id.is_in(campaigns))
    await User.delete().where(User.username.like("gen.%"))


async def test_generated_cases_follow_the_lifecycle(generated: dict[str, Any]) -> None:
    cases = await Case.select().output(load_json=True)
    assert len(cases) == 50 == generated["rows"]["case_file"]
    assert len({c["kommun"] for c in cases}) == 50  # the first 290 go one per municipality
    krav = await Krav.select().output(load_json=True)
    assert len(krav) >= 5 * 50  # the seed campaign: about seven krav per inspektionsmeddelande
    by_case: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for k in krav:
        by_case[k["case"]].append(k)
    decisions: dict[int, list[str]] = defaultdict(list)
    for d in await Decision.select().order_by(Decision.id):
        decisions[d["case"]].append(d["kind"])
    documents = await Document.select()
    for c in cases:
        status = CaseStatus(c["status"])
        if status is CaseStatus.AVSLUTAD:
            assert c["closed_on"] is not None and c["svar_senast"] is None
            assert all(k["state"] == KravState.UPPFYLLT.value for k in by_case[c["id"]])
        else:
            assert c["closed_on"] is None
        kinds = decisions[c["id"]]
        if "forelaggande" in kinds:
            assert kinds.index("underrattelse") < kinds.index("forelaggande")
        if status in (CaseStatus.FORELAGGANDE_BESLUTAT, CaseStatus.UTDOMANDE_ANSOKT):
            assert "forelaggande" in kinds
        assert c["opened_on"] <= c["last_activity_on"] <= clock.today()
    assert all(d["number"].split("-")[0] in {c["diarienummer"] for c in cases}
               for d in documents)
    assert all(d["pdf"] is None for d in documents)  # generated letters carry no bytes


async def test_generated_krav_cite_the_catalogue_like_the_seed_campaign(
        generated: dict[str, Any]) -> None:
    catalogue = await reference.catalogue()
    per_regulation: Counter[str] = Counter()
    for k in await Krav.select(Krav.citations).output(load_json=True):
        assert k["citations"], "every generated krav cites at least one paragraph"
        for citation in k["citations"]:
            para = catalogue.find(citation)
            assert para is not None, citation
            per_regulation[para.regulation_id] += 1
    top = [reg for reg, _ in per_regulation.most_common(3)]
    # AFS 2015:4 (from 2025 its successor AFS 2023:2) and SAM lead, as in section 4.2.
    assert {"AFS 2015:4", "AFS 2001:1", "AFS 2023:1", "AFS 2023:2"} & set(top[:2])


async def test_generation_is_audited_once_and_numbers_continue(
        generated: dict[str, Any], client: Any, tokens: dict[str, str],
        campaign_id: int) -> None:
    events = await AuditEvent.select().where(AuditEvent.action == "generate.dataset"
                                             ).output(load_json=True)
    assert len(events) == 1 and events[0]["details"]["cases"] == 50
    await run_generation(20, seed=4, quiet=True)  # a second run reuses people and campaigns
    assert await Case.count() == 70
    assert await User.count().where(User.username.like("gen.%")) == generated["rows"]["app_user"]
    numbers = [c["diarienummer"] for c in await Case.select(Case.diarienummer)]
    assert len(set(numbers)) == 70
    for row in await DiarieCounter.select():
        used = [int(n[5:]) for n in numbers if n.startswith(f"{row['year']}/")]
        assert row["last"] == max(used)
    opened = await Walker(client, tokens, campaign_id).open()
    newest = max(int(n[5:]) for n in numbers if n.startswith("2026/"))
    assert opened["diarienummer"] == f"2026/{newest + 1:06d}"


async def test_case_list_and_case_page_work_on_generated_data(
        generated: dict[str, Any], client: Any, tokens: dict[str, str]) -> None:
    headers = bearer(tokens["jurist"])
    r = await client.get("/api/cases", params={"limit": 20}, headers=headers)
    assert r.status_code == 200, r.text
    page = r.json()
    assert len(page["items"]) == 20 and page["next_cursor"] is not None
    r = await client.get("/api/cases", params={"limit": 50, "cursor": page["next_cursor"]},
                         headers=headers)
    rest = r.json()["items"]
    assert len(rest) == 30 and not {i["id"] for i in rest} & {i["id"] for i in page["items"]}
    closed = [i for i in page["items"] + rest if i["status"] == "avslutad"]
    assert closed
    r = await client.get(f"/api/cases/{closed[0]['id']}", headers=headers)
    assert r.status_code == 200, r.text
    detail = r.json()
    assert detail["meetings"] and detail["gruppsamtal"]
    assert all(k["state"] == "uppfyllt" for k in detail["krav"])
    # the page is the listed case's, closed on a day, after it was opened
    assert (detail["id"], detail["diarienummer"], detail["status"]) == (
        closed[0]["id"], closed[0]["diarienummer"], "avslutad")
    assert detail["closed_on"] and detail["opened_on"] <= detail["closed_on"]
    r = await client.get("/api/cases", params={"status": "avslutad", "region": "IRS-Syd"},
                         headers=bearer(tokens["samordnare"]))
    assert r.status_code == 200
    assert all(i["region"] == "IRS-Syd" and i["status"] == "avslutad" for i in r.json()["items"])


async def test_the_case_page_reads_the_facts_a_step_reads(generated: dict[str, Any]) -> None:
    """The page takes the lifecycle's facts in its own row's query, a step (and a list page)
    in fact_rows; both select db/queries_facts.FACT_COLUMNS, and they agree on every case."""
    from inspektion.db.queries_cases import case_row
    from inspektion.db.queries_facts import fact_rows

    ids = [int(r["id"]) for r in await Case.select(Case.id)]
    by_step = await fact_rows(ids)
    seen: Counter[str] = Counter()
    for case_id in ids:
        found = await case_row(case_id)
        assert found is not None
        assert found[1] == by_step[case_id], case_id
        seen["öppna krav" if found[1].krav_open else "inga öppna krav"] += 1
        seen["föreläggande" if found[1].forelaggande else "inget föreläggande"] += 1
    assert len(seen) == 4, seen  # both sides of each fact occur in the generated cases


async def test_generated_campaigns_have_their_rollup(generated: dict[str, Any]) -> None:
    """The generator writes its cases in bulk; their rollup is written in the same run."""
    from inspektion.db.tables import KommunRollup
    from inspektion.services import rollup_check

    assert await KommunRollup.count() > 0
    assert await rollup_check.check_all() == {}

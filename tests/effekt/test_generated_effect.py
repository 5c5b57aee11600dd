"""The generator's follow-up gruppsamtal: held at an uppföljningsbesök, in an area of work the
case's first gruppsamtal covered, and enough of them for the effect to show a figure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any

import pytest

from inspektion.db.tables import Campaign, CampaignRegionTarget, Meeting, User
from inspektion.generate.cli import run_generation
from inspektion.services.effekt import campaign_effekt
from tests import support


@pytest.fixture
async def generated(db: str) -> AsyncIterator[dict[str, Any]]:
    out = await run_generation(600, seed=5, quiet=True)
    yield out
    await support.clean_case_data()
    campaigns = [r["id"] for r in await Campaign.select(Campaign.id).where(
        Campaign.name.like("Socialtjänstens arbetsmiljö %"))]
    if campaigns:
        await CampaignRegionTarget.delete().where(CampaignRegionTarget.campaign.is_in(campaigns))
        await Campaign.delete().where(Campaign.id.is_in(campaigns))
    await User.delete().where(User.username.like("gen.%"))


async def test_generated_follow_ups_are_linked_and_measured(generated: dict[str, Any]) -> None:
    meetings = await Meeting.select(Meeting.case, Meeting.kind, Meeting.date,
                                    Meeting.arbetsomrade, Meeting.case.campaign.as_alias("cid"))
    by_case: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in meetings:
        by_case[m["case"]].append(m)
    follow_ups = [m for m in meetings if m["kind"] == "gruppsamtal_uppfoljning"]
    assert len(follow_ups) > 20
    for f in follow_ups:
        own = by_case[f["case"]]
        visits = [m["date"] for m in own if m["kind"] == "uppfoljning"]
        assert f["date"] in visits  # at an uppföljningsbesök
        firsts = [m for m in own if m["kind"] == "gruppsamtal"
                  and m["arbetsomrade"] == f["arbetsomrade"]]
        assert firsts and all(m["date"] < f["date"] for m in firsts)
    campaign_id = follow_ups[0]["cid"]
    result = await campaign_effekt(campaign_id)
    assert result.pairs >= 1
    shown = [g for g in result.goals if not g.campaign.suppressed]
    assert shown and all(g.campaign.respondents_first >= result.minimum for g in shown)

"""Campaigns (tillsynsinsatser): a period, a target share of municipalities, regional targets."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from inspektion.db.limits import check_fits
from inspektion.db.tables import Campaign, CampaignRegionTarget, Kommun, Region
from inspektion.domain.access import Actor, require_role
from inspektion.domain.errors import Conflict, InvalidInput, NotFound, StepRefused
from inspektion.domain.roles import Role
from inspektion.services import audit
from inspektion.services.step_frame import parse_date
from inspektion.services.transactions import write_tx


@dataclass(frozen=True)
class CampaignOut:
    """A campaign with its regional targets (kommuner per region code)."""

    id: int
    name: str
    start: date
    end: date
    target_share: float
    archived: bool
    region_targets: dict[str, int]


@dataclass(frozen=True)
class CampaignCreated:
    id: int
    name: str
    start: date
    end: date
    target_share: float
    region_targets: dict[str, int]


@dataclass(frozen=True)
class CampaignArchived:
    id: int
    name: str
    archived: bool


async def list_campaigns() -> list[CampaignOut]:
    rows = await Campaign.select().order_by(Campaign.start, ascending=False)
    targets = await CampaignRegionTarget.select(
        CampaignRegionTarget.campaign, CampaignRegionTarget.region.code.as_alias("region"),
        CampaignRegionTarget.target_kommuner)
    return [CampaignOut(int(r["id"]), r["name"], r["start"], r["end"], r["target_share"],
                        bool(r["archived"]),
                        {t["region"]: t["target_kommuner"] for t in targets
                         if t["campaign"] == r["id"]}) for r in rows]


async def create_campaign(actor: Actor | None, name: str, start: date | None, end: date | None,
                          target_share: float,
                          region_targets: dict[str, int] | None = None) -> CampaignCreated:
    """Without explicit regional targets each region gets its share of its municipalities."""
    if actor is not None:
        require_role(actor, Role.ADMIN, Role.SAMORDNARE)
    name = (name or "").strip()
    if not name:
        raise InvalidInput("Ange kampanjens namn.", "name")
    check_fits("name", name, Campaign.name, "Kampanjens namn")
    first, last = parse_date(start, "start"), parse_date(end, "end")
    if last < first:
        raise InvalidInput("Kampanjen kan inte sluta innan den börjar.", "end")
    if not 0 < target_share <= 1:
        raise InvalidInput("Målandelen ska vara större än 0 och högst 1 (t.ex. 0.5).",
                           "target_share")
    regions = {r["code"]: r["id"] for r in await Region.select(Region.id, Region.code)}
    targets = dict(region_targets or {})
    unknown = [code for code in targets if code not in regions]
    if unknown:
        raise InvalidInput(f"Okända regioner: {', '.join(unknown)}.", "region_targets")
    for code, region_id in regions.items():
        if code not in targets:
            total = await Kommun.count().where(Kommun.region == region_id)
            targets[code] = math.ceil(total * target_share)
        elif targets[code] < 0:
            raise InvalidInput("Ett regionalt mål kan inte vara negativt.", "region_targets")
    async with write_tx():
        if await Campaign.exists().where(Campaign.name == name):
            raise Conflict(f"Kampanjen {name!r} finns redan.")
        rows = await Campaign.insert(Campaign(name=name, start=first, end=last,
                                              target_share=target_share)).returning(Campaign.id)
        campaign_id = rows[0]["id"]
        await CampaignRegionTarget.insert(*[
            CampaignRegionTarget(campaign=campaign_id, region=regions[code], target_kommuner=n)
            for code, n in sorted(targets.items())])
        await audit.record(actor, "campaign.create", None, {
            "campaign_id": campaign_id, "name": name, "start": first.isoformat(),
            "end": last.isoformat(), "target_share": target_share, "region_targets": targets})
    return CampaignCreated(int(campaign_id), name, first, last, target_share, targets)


async def archive_campaign(actor: Actor, campaign_id: int) -> CampaignArchived:
    """Keep a finished campaign as a record: its cases leave work lists, reminders and steps."""
    require_role(actor, Role.ADMIN)
    async with write_tx():
        row = await Campaign.select(Campaign.id, Campaign.name, Campaign.archived).where(
            Campaign.id == campaign_id).first()
        if row is None:
            raise NotFound(f"Kampanjen finns inte (id {campaign_id}).")
        if row["archived"]:
            raise StepRefused(f"Kampanjen {row['name']} är redan arkiverad.")
        await Campaign.update({Campaign.archived: True}).where(Campaign.id == campaign_id)
        await audit.record(actor, "campaign.archive", None, {
            "campaign_id": campaign_id, "name": row["name"],
            "before": {"archived": False}, "after": {"archived": True}})
    return CampaignArchived(campaign_id, row["name"], True)

"""Checking and rebuilding the campaign rollup (db/rollup.py) against the plain queries.

Why: the figures trust the rollup alone, and it is kept by the services, so a write that went
around them (a hand edit in the database, a restored backup of some tables) would leave it
wrong without anyone noticing. `inspektion stats --check` compares it, campaign by campaign,
with the plain grouped queries (db/queries_stats.py); `inspektion stats --rebuild` writes it
again from the plain tables, in one transaction.
"""

from __future__ import annotations

from decimal import Decimal

from inspektion.db import queries_stats as q
from inspektion.db import rollup
from inspektion.db.tables import Campaign
from inspektion.services.stats_rollup import PARTS, CampaignRows, as_of, fetch, fetch_direct
from inspektion.services.transactions import write_tx

# What a cell of the rollup's rows holds: ids and counts, keys and JSON text, no effektmål.
Cell = int | str | None


def _cell(v: object) -> Cell:
    """A row's value as compared: counts as ints (a PostgreSQL sum may be Decimal)."""
    if isinstance(v, Decimal | int):
        return int(v)
    if v is None or isinstance(v, str):
        return v
    raise TypeError(f"Oväntat värde i sammanställningen: {v!r}")


def normalised(rows: CampaignRows) -> dict[str, list[tuple[tuple[str, Cell], ...]]]:
    """Each part's rows as sorted tuples, counts as ints (PostgreSQL sums are Decimal)."""
    return {p: sorted(tuple(sorted((k, _cell(v)) for k, v in r.items()))
                      for r in getattr(rows, p)) for p in PARTS}


async def differences(campaign_id: int) -> list[str]:
    """What differs between the rollup and the plain queries for one campaign (none: equal)."""
    campaign = await q.find_campaign(campaign_id)
    if campaign is None:
        return []
    day = as_of(campaign)
    kept, plain = normalised(await fetch(campaign_id, day, krav_detail=True)), normalised(
        await fetch_direct(campaign_id, day))
    out = []
    for part in PARTS:
        extra = sorted(set(kept[part]) - set(plain[part]))
        missing = sorted(set(plain[part]) - set(kept[part]))
        if extra or missing:
            out.append(f"{part}: {len(missing)} rader saknas i sammanställningen, "
                       f"{len(extra)} rader stämmer inte")
    return out


async def check_all() -> dict[int, list[str]]:
    """Every campaign's differences (only campaigns with any)."""
    out = {}
    for c in await Campaign.select(Campaign.id).order_by(Campaign.id):
        diff = await differences(int(c["id"]))
        if diff:
            out[int(c["id"])] = diff
    return out


async def rebuild_all() -> None:
    async with write_tx():
        await rollup.rebuild()

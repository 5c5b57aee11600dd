"""Reads about campaigns that services outside campaigns.py need."""

from __future__ import annotations

from inspektion.db.tables import Campaign


async def archived_campaign_ids() -> list[int]:
    """The campaigns kept as a record only (few or none): work lists leave their cases out."""
    rows = await Campaign.select(Campaign.id).where(Campaign.archived == True)  # noqa: E712
    return [int(r["id"]) for r in rows]

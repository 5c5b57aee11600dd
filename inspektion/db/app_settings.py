"""Values the tool keeps about itself, by key (the `app_setting` table)."""

from __future__ import annotations

from inspektion.db.tables import AppSetting

_UPSERT = ('INSERT INTO app_setting ("key", "value") VALUES ({}, {}) '
           'ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"')


async def put(key: str, value: str) -> None:
    """Store `value` under `key`, replacing what was there."""
    await AppSetting.raw(_UPSERT, key, value)


async def get(key: str) -> str | None:
    row = await AppSetting.select(AppSetting.value).where(AppSetting.key == key).first()
    return None if row is None else str(row["value"])

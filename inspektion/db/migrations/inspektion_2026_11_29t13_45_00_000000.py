"""Archived campaigns: a finished campaign kept as a record (the 2015–2017 campaign).

Its cases stay readable and counted in its figures and map, but they are nobody's work any
more: no reminders, no place in the escalation queue, and no lifecycle step changes them.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-29T13:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "campaign.archived"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        await engine.run_ddl(
            "ALTER TABLE campaign ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE")

    manager.add_raw(run)
    return manager
